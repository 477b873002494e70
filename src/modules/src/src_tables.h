/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shape of the generated SRC tables (private to the engine, the generator
 * and the tests).
 *
 * tools/srcgen designs every filter at build time and writes one C source
 * with a coefficient array per distinct filter, the filter descriptors and a
 * 14x14 plan table (which filters each rate pair uses). Coefficients are
 * Q2.30 in int32 (range +-2: an interpolator's centre tap can be exactly 1.0)
 * and only the non-redundant half of each linear-phase filter is stored:
 *
 *  FOLD1 (L = 1): one symmetric phase of `taps` = N taps; stored h[0..ceil(N/2)).
 *  FOLD2 (L = 2, N odd): phase 0 = h[0], h[2], ... (`taps` taps) and phase 1 =
 *         h[1], h[3], ... (`taps` - 1 taps) are each symmetric; stored the first
 *         half of phase 0 (ceil(taps/2)) then the first half of phase 1.
 *  POLY (L >= 3, N = L * taps): phase q = L-1-p is phase p time-reversed, so
 *         only phases 0 .. ceil(L/2)-1 are stored, each as `taps` coefficients
 *         in reversed order r_p[j] = h[p + (taps-1-j) * L].
 *
 * Every filter also has a float32 table (for the float kernels, see
 * src_fir_float.c), each value q * 2^-shift so that the sum of products with
 * samples held as float(Q1.31 integer) comes out in Q1.31 units. It holds
 * rows in the order the kernel reads the delay line:
 *
 *  FOLD1: one row, all N taps (symmetric, so either direction).
 *  FOLD2: row c0[k] = h[2(T-1-k)] then row c1[k] = h[2(T-1-k)+1] (c1[0] = 0),
 *         k < T, both multiplying x[n-T+1+k]: the two phases share a window.
 *  POLY:  the rows of the Q2.30 layout above.
 *
 * Rows are stored back to back, unpadded (the kernels mask the last partial
 * block of 8 instead, so the tables are no bigger than they must be).
 *
 * The generated source keeps both sets; a firmware build can drop the one its
 * arithmetic does not use with -DVR_SRC_INT_TABLES=0 or -DVR_SRC_FLOAT_TABLES=0
 * (the pointer is then NULL).
 *
 * Headroom: in a down-conversion the first (wide) stage lets images and
 * aliases through its transition band (the second stage removes them), so its
 * output can exceed the input's peak; it runs at gain 1/2 (in its
 * coefficients) and the second stage at gain 2 (one bit less of output
 * shift, so its coefficients and accumulator bound stay those of gain 1),
 * keeping the Q1.31 intermediate signal from clipping.
 *
 * Output m of a stage uses phase p = m*M mod L and the input x[n], n =
 * floor(m*M / L), as its newest sample: y[m] = sum_j h[p + j*L] * x[n - j].
 */
#ifndef VREGION_SRC_TABLES_H
#define VREGION_SRC_TABLES_H

#include <stdint.h>

#define VR_SRC_NRATES 14

#ifndef VR_SRC_INT_TABLES
#define VR_SRC_INT_TABLES 1
#endif
#ifndef VR_SRC_FLOAT_TABLES
#define VR_SRC_FLOAT_TABLES 1
#endif

enum vr_src_kind {
	VR_SRC_FOLD1 = 1,
	VR_SRC_FOLD2 = 2,
	VR_SRC_POLY = 3,
};

/** One designed FIR stage (read-only, shared by every user). */
struct vr_src_filter {
	uint16_t L;          /**< interpolation factor (number of phases) */
	uint16_t M;          /**< decimation factor */
	uint16_t kind;       /**< enum vr_src_kind */
	uint16_t taps;       /**< see the layout above */
	uint32_t length;     /**< prototype length N */
	uint32_t ncoefs;     /**< stored Q2.30 coefficients */
	uint32_t hist;       /**< history samples a delay line keeps (taps - 1) */
	uint32_t chunk;      /**< new-sample room of a delay line (>= ceil(M/L)) */
	uint32_t shift;      /**< output = acc >> shift: 30 (gain 1) or 29 (gain 2) */
	const int32_t *coefs; /**< Q2.30 table (NULL if VR_SRC_INT_TABLES is 0) */
	const float *fcoefs;  /**< float32 table (NULL if VR_SRC_FLOAT_TABLES is 0) */
	uint32_t nfcoefs;     /**< its length */
	/* The design spec and what the generator measured, for tests and docs.
	 * Edges are in cycles per prototype sample (prototype rate = L * input). */
	double pass;         /**< passband edge */
	double stop;         /**< stopband edge */
	double atten_db;     /**< required stopband attenuation */
	double ripple_db;    /**< allowed passband deviation (+-) */
	double gain;         /**< passband gain of the coefficients (prototype DC = L * gain);
	                      *   the stage's gain is gain * 2^(30 - shift) */
};

/** How one rate pair converts: 0 stages = identity, else 1 or 2 filters. */
struct vr_src_pair {
	uint8_t nstages;
	uint8_t over_budget;   /**< 1 when no plan met the memory targets */
	uint16_t filter[2];    /**< indices into vr_src_filters, stage order */
	uint32_t latency_ns;   /**< group delay of the cascade */
};

extern const uint32_t vr_src_rates[VR_SRC_NRATES];
extern const struct vr_src_filter vr_src_filters[];
extern const uint32_t vr_src_nfilters;
extern const struct vr_src_pair vr_src_pairs[VR_SRC_NRATES][VR_SRC_NRATES];

#endif /* VREGION_SRC_TABLES_H */
