package dev.weft.model.gateway;

import dev.weft.model.gateway.GatewayPolicy.WeightedUpstream;
import java.util.List;

/**
 * Nginx's smooth weighted round-robin over a fixed list: each pick adds every member's weight to its current
 * value, takes the member with the highest, and subtracts the total from it. Over any run of {@code total}
 * picks each member is chosen exactly {@code weight} times, spread out rather than in bursts. Thread-safe.
 */
final class SmoothWeightedRoundRobin {

    private final List<WeightedUpstream> members;
    private final long[] current;
    private final long total;

    SmoothWeightedRoundRobin(List<WeightedUpstream> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("load balancing needs at least one upstream");
        }
        this.members = List.copyOf(members);
        this.current = new long[members.size()];
        this.total = members.stream().mapToLong(WeightedUpstream::weight).sum();
    }

    synchronized int pick() {
        int best = 0;
        for (int i = 0; i < current.length; i++) {
            current[i] += members.get(i).weight();
            if (current[i] > current[best]) {
                best = i;
            }
        }
        current[best] -= total;
        return best;
    }
}
