package dev.weft.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutboundAddressGuardTest {

    private final OutboundAddressGuard strict = new OutboundAddressGuard(new OutboundProperties(List.of()));

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1         | loopback
            127.8.9.10        | loopback
            ::1               | loopback
            10.1.2.3          | private
            172.16.0.1        | private
            172.31.255.254    | private
            192.168.1.1       | private
            fc00::1           | private
            fd12:3456::1      | private
            fec0::1           | site-local
            169.254.10.10     | link-local
            fe80::1           | link-local
            169.254.169.254   | cloud metadata
            fd00:ec2::254     | cloud metadata
            0.0.0.0           | unspecified
            ::                | unspecified
            224.0.0.1         | multicast
            ff02::1           | multicast
            100.64.0.1        | carrier-grade NAT
            100.127.255.254   | carrier-grade NAT
            255.255.255.255   | reserved
            ::ffff:127.0.0.1  | loopback
            ::ffff:10.0.0.1   | private
            64:ff9b::a9fe:a9fe | cloud metadata
            """)
    void refuses_non_public_addresses(String address, String kind) {
        assertThatThrownBy(() -> strict.check(address))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining(kind)
                .hasMessageContaining(OutboundProperties.ALLOW_SETTING);
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({"8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "192.169.0.1",
            "2001:4860:4860::8888", "fbff::1"})
    void admits_public_addresses(String address) {
        assertThatCode(() -> strict.check(address)).doesNotThrowAnyException();
    }

    @Test
    void refuses_localhost_by_name_after_resolution() {
        assertThatThrownBy(() -> strict.check("localhost"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("localhost (")
                .hasMessageContaining("loopback");
    }

    @Test
    void refuses_metadata_host_name_without_resolving_it() {
        assertThatThrownBy(() -> strict.check("metadata.google.internal"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("cloud metadata");
    }

    @Test
    void allow_list_admits_ips_cidrs_and_host_names() throws Exception {
        var guard = new OutboundAddressGuard(new OutboundProperties(
                List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1", "localhost")));
        assertThat(guard.check("127.0.0.1")).isNotEmpty();
        assertThat(guard.check("10.200.3.4")).isNotEmpty();
        assertThat(guard.check("fd12::7")).isNotEmpty();
        assertThat(guard.check("::1")).isNotEmpty();
        assertThat(guard.check("localhost")).isNotEmpty();
        assertThatThrownBy(() -> guard.check("192.168.0.1")).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> guard.check("127.0.0.2")).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> guard.check("fc00::1")).isInstanceOf(RefusedAddressException.class);
    }

    @Test
    void allow_list_with_a_narrow_ipv6_block() throws Exception {
        var guard = new OutboundAddressGuard(new OutboundProperties(List.of("fe80::/64")));
        assertThat(guard.check("fe80::abcd")).isNotEmpty();
        assertThatThrownBy(() -> guard.check("fe80:0:0:1::1")).isInstanceOf(RefusedAddressException.class);
    }

    @Test
    void bad_allow_list_entry_is_named() {
        assertThatThrownBy(() -> new OutboundAddressGuard(new OutboundProperties(List.of("10.0.0.0/40"))))
                .hasMessageContaining("10.0.0.0/40");
        assertThatThrownBy(() -> new OutboundAddressGuard(new OutboundProperties(List.of("intranet/8"))))
                .hasMessageContaining("intranet/8");
    }
}
