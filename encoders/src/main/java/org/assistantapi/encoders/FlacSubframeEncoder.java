package org.assistantapi.encoders;

/**
 * Encodes one block of 16-bit samples as a FLAC subframe: CONSTANT for silence, otherwise the FIXED
 * polynomial predictor (order 0–4) whose residual is smallest, Rice-coded in the partitioning that
 * codes smallest, or VERBATIM when even that would be larger.
 */
final class FlacSubframeEncoder {

    private static final int BITS_PER_SAMPLE = 16;
    private static final int MAX_ORDER = 4;
    private static final int MAX_PARTITION_ORDER = 8;
    /** Rice parameters up to 14 fit the 4-bit field (15 is the escape); larger ones need the 5-bit one. */
    private static final int MAX_RICE_4BIT = 14;
    private static final int MAX_RICE_5BIT = 30;

    private int[] residual = new int[0];
    /** Each partition's Rice parameter, as the last {@link #partitionedBits} call chose them. */
    private final int[] parameters = new int[1 << MAX_PARTITION_ORDER];

    void write(int[] samples, int count, BitWriter out) {
        if (isConstant(samples, count)) {
            out.write(0, 8);                                    // padding bit, type 000000, no wasted bits
            out.write(samples[0], BITS_PER_SAMPLE);
            return;
        }
        int order = bestOrder(samples, count);
        computeResidual(samples, count, order);
        int partitionOrder = bestPartitioning(count, order);
        long riceBits = partitionedBits(count, order, partitionOrder);
        long fixedBits = (long) order * BITS_PER_SAMPLE + riceBits;
        if (fixedBits >= (long) count * BITS_PER_SAMPLE) {
            out.write(0b00000010, 8);                           // VERBATIM
            for (int i = 0; i < count; i++) {
                out.write(samples[i], BITS_PER_SAMPLE);
            }
            return;
        }
        out.write(0b00010000 | (order << 1), 8);                // FIXED, order
        for (int i = 0; i < order; i++) {
            out.write(samples[i], BITS_PER_SAMPLE);             // warm-up samples
        }
        writeResidual(count, order, partitionOrder, out);
    }

    private static boolean isConstant(int[] samples, int count) {
        for (int i = 1; i < count; i++) {
            if (samples[i] != samples[0]) {
                return false;
            }
        }
        return true;
    }

    /** The fixed order with the smallest sum of absolute residuals, libFLAC's cheap estimate. */
    private static int bestOrder(int[] s, int count) {
        int maxOrder = Math.min(MAX_ORDER, count - 1);
        long[] sums = new long[MAX_ORDER + 1];
        for (int i = maxOrder; i < count; i++) {
            int e0 = s[i];
            int e1 = e0 - (i >= 1 ? s[i - 1] : 0);
            int e2 = e1 - (i >= 2 ? s[i - 1] - s[i - 2] : 0);
            int e3 = e2 - (i >= 3 ? s[i - 1] - 2 * s[i - 2] + s[i - 3] : 0);
            int e4 = e3 - (i >= 4 ? s[i - 1] - 3 * s[i - 2] + 3 * s[i - 3] - s[i - 4] : 0);
            sums[0] += Math.abs(e0);
            sums[1] += Math.abs(e1);
            sums[2] += Math.abs(e2);
            sums[3] += Math.abs(e3);
            sums[4] += Math.abs(e4);
        }
        int best = 0;
        for (int order = 1; order <= maxOrder; order++) {
            if (sums[order] < sums[best]) {
                best = order;
            }
        }
        return best;
    }

    /** Residuals as zigzag-mapped unsigned values, from index {@code order} on. */
    private void computeResidual(int[] s, int count, int order) {
        if (residual.length < count) {
            residual = new int[count];
        }
        for (int i = order; i < count; i++) {
            int e = switch (order) {
                case 0 -> s[i];
                case 1 -> s[i] - s[i - 1];
                case 2 -> s[i] - 2 * s[i - 1] + s[i - 2];
                case 3 -> s[i] - 3 * s[i - 1] + 3 * s[i - 2] - s[i - 3];
                default -> s[i] - 4 * s[i - 1] + 6 * s[i - 2] - 4 * s[i - 3] + s[i - 4];
            };
            residual[i] = (e << 1) ^ (e >> 31);
        }
    }

    /** The partition order (block split into 2^order equal parts) whose Rice coding is smallest. */
    private int bestPartitioning(int count, int order) {
        int partitionOrder = 0;
        while (partitionOrder < MAX_PARTITION_ORDER && count % (2 << partitionOrder) == 0
                && (count >> (partitionOrder + 1)) > order) {
            partitionOrder++;
        }
        long bestBits = Long.MAX_VALUE;
        int best = 0;
        for (int p = partitionOrder; p >= 0; p--) {
            long bits = partitionedBits(count, order, p);
            if (bits < bestBits) {
                bestBits = bits;
                best = p;
            }
        }
        return best;
    }

    /**
     * Estimated size of the residual coded with 2^partitionOrder partitions; leaves each partition's
     * Rice parameter in {@link #parameters}.
     */
    private long partitionedBits(int count, int order, int partitionOrder) {
        int partitions = 1 << partitionOrder;
        int size = count >> partitionOrder;
        long bits = 2 + 4;                                       // coding method, partition order
        boolean wide = false;
        for (int p = 0; p < partitions; p++) {
            int from = p == 0 ? order : p * size;
            int to = (p + 1) * size;
            long sum = 0;
            for (int i = from; i < to; i++) {
                sum += residual[i];
            }
            int n = to - from;
            int k = riceParameter(sum, n);
            parameters[p] = k;
            wide |= k > MAX_RICE_4BIT;
            bits += (long) n * (k + 1) + (sum >> k);
        }
        return bits + (long) partitions * (wide ? 5 : 4);
    }

    /** The Rice parameter minimising n·(k+1) + sum/2^k, near log2 of the mean. */
    private static int riceParameter(long sum, int n) {
        int best = 0;
        long bestBits = Long.MAX_VALUE;
        for (int k = 0; k <= MAX_RICE_5BIT; k++) {
            long bits = (long) n * (k + 1) + (sum >> k);
            if (bits < bestBits) {
                bestBits = bits;
                best = k;
            } else {
                break;                                           // the cost is convex in k
            }
        }
        return best;
    }

    private void writeResidual(int count, int order, int partitionOrder, BitWriter out) {
        int partitions = 1 << partitionOrder;
        int size = count >> partitionOrder;
        boolean wide = false;
        for (int p = 0; p < partitions; p++) {
            wide |= parameters[p] > MAX_RICE_4BIT;
        }
        out.write(wide ? 1 : 0, 2);
        out.write(partitionOrder, 4);
        for (int p = 0; p < partitions; p++) {
            int k = parameters[p];
            out.write(k, wide ? 5 : 4);
            for (int i = p == 0 ? order : p * size; i < (p + 1) * size; i++) {
                int u = residual[i];
                out.writeUnary(u >>> k);
                if (k > 0) {
                    out.write(u, k);
                }
            }
        }
    }
}
