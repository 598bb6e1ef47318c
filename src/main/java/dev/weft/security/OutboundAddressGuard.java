package dev.weft.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Keeps outbound requests (HTTP node, remote files) away from the machine itself and its networks. A host is
 * resolved first and every address it resolves to must pass: loopback, private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), link-local (169.254/16, fe80::/10), cloud metadata endpoints, unspecified, multicast, reserved and
 * carrier-grade NAT (100.64/10) addresses are refused unless {@code weft.security.outbound.allow} admits the host
 * name or the address. IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64) are judged as IPv4.
 *
 * <p>The JVM caches successful look-ups (30 s by default), so the HTTP client connects to the addresses checked here.
 */
@Component
public class OutboundAddressGuard {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog");
    private static final List<Range> RANGES = List.of(
            new Range("169.254.169.254/32", "cloud metadata"),
            new Range("fd00:ec2::254/128", "cloud metadata"),
            new Range("0.0.0.0/8", "unspecified"),
            new Range("::/128", "unspecified"),
            new Range("127.0.0.0/8", "loopback"),
            new Range("::1/128", "loopback"),
            new Range("10.0.0.0/8", "private"),
            new Range("172.16.0.0/12", "private"),
            new Range("192.168.0.0/16", "private"),
            new Range("fc00::/7", "private"),
            new Range("fec0::/10", "private (site-local)"),
            new Range("169.254.0.0/16", "link-local"),
            new Range("fe80::/10", "link-local"),
            new Range("100.64.0.0/10", "carrier-grade NAT"),
            new Range("224.0.0.0/4", "multicast"),
            new Range("ff00::/8", "multicast"),
            new Range("240.0.0.0/4", "reserved"));

    private record Range(CidrBlock block, String kind) {
        Range(String cidr, String kind) {
            this(CidrBlock.parse(cidr), kind);
        }
    }

    private final Set<String> allowedHosts;
    private final List<CidrBlock> allowedBlocks;

    public OutboundAddressGuard(OutboundProperties properties) {
        List<String> hosts = new ArrayList<>();
        List<CidrBlock> blocks = new ArrayList<>();
        for (String entry : properties.allow()) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            if (CidrBlock.looksLiteral(entry)) {
                blocks.add(CidrBlock.parse(entry));
            } else if (entry.contains("/")) {
                throw new IllegalArgumentException(OutboundProperties.ALLOW_SETTING + ": '" + entry + "' is not an IP address or CIDR block");
            } else {
                hosts.add(normalizeHost(entry));
            }
        }
        this.allowedHosts = Set.copyOf(hosts);
        this.allowedBlocks = List.copyOf(blocks);
    }

    /**
     * Resolves {@code host} and returns its addresses when all of them may be reached; otherwise throws, naming the
     * address, why it is refused and the setting that admits it.
     */
    public List<InetAddress> check(String host) throws RefusedAddressException, UnknownHostException {
        if (host == null || host.isBlank()) {
            throw new RefusedAddressException("the URL has no host");
        }
        String name = normalizeHost(host);
        boolean hostAllowed = allowedHosts.contains(name);
        if (!hostAllowed && METADATA_HOSTS.contains(name)) {
            throw refused(host, name, "cloud metadata");
        }
        InetAddress[] addresses = InetAddress.getAllByName(name);
        if (hostAllowed) {
            return List.of(addresses);
        }
        for (InetAddress address : addresses) {
            String kind = refusalKind(address);
            if (kind != null && allowedBlocks.stream().noneMatch(b -> b.contains(address))) {
                throw refused(host, address.getHostAddress(), kind);
            }
        }
        return List.of(addresses);
    }

    /** Why an address would be refused ({@code loopback}, {@code private}, ...), or null when it is public. */
    public static String refusalKind(InetAddress address) {
        InetAddress judged = embeddedIpv4(address);
        for (Range range : RANGES) {
            if (range.block().contains(judged)) {
                return range.kind();
            }
        }
        if (judged.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (judged.isLoopbackAddress()) {
            return "loopback";
        }
        if (judged.isMulticastAddress()) {
            return "multicast";
        }
        return null;
    }

    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean zeros96 = true;
        for (int i = 0; i < 12; i++) {
            zeros96 &= b[i] == 0;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        boolean compatible = zeros96 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
        if (mapped || nat64 || compatible) {
            try {
                return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address;
    }

    private static RefusedAddressException refused(String host, String address, String kind) {
        String target = host.equalsIgnoreCase(address) ? address : host + " (" + address + ")";
        return new RefusedAddressException("outbound request to " + target + " refused: " + address + " is " + (kind.matches("^[aeiou].*") ? "an " : "a ") + kind
                + " address; add it to " + OutboundProperties.ALLOW_SETTING + " to allow it");
    }

    private static String normalizeHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
