/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SRC FIR kernels, float32 arithmetic (VR_SRC_ARITH_FLOAT = 1: x86-64 and
 * FPU targets such as Cortex-M4F/M33).
 *
 * A Q1.31 sample enters the delay line as float32 of its integer value (one
 * rounding to 24 bits); the coefficients are q * 2^-shift (src_tables.h), so
 * a sum of products is already in Q1.31 units, and between two stages the
 * signal stays float (no intermediate rounding or clipping). Every dot
 * product keeps LANES = 8 independent partial sums (lane j takes the taps
 * i == j mod 8) and adds them in one fixed tree at the end; the last stage
 * rounds each output to nearest and saturates to Q1.31.
 *
 * Why this shape: written as 8 scalar accumulators over unit-stride arrays,
 * GCC -O2 and Clang vectorize the loop to SSE mulps/addps (two 4-lane
 * registers) without intrinsics or target attributes, and the partial sums
 * hide the add latency. The order of every operation is fixed by the source
 * and this file is built with -ffp-contract=off (no fused multiply-add), so
 * with IEEE single precision (FLT_EVAL_METHOD 0: SSE, ARMv7-M FPv4/FPv5) the
 * output is bit-identical at -O0 and -O2 and whether or not the compiler
 * vectorizes. Digital silence stays exactly zero (0 * c sums to 0).
 */
#include <string.h>

#include "src_priv.h"

#if !VR_SRC_ARITH_FLOAT
#error "src_fir_float.c is the float build"
#endif

const char *vr_src_arith_name(void)
{
	return "float32";
}

const vr_src_coef *vr_src_table(const struct vr_src_filter *f)
{
	return f->fcoefs;
}

uint32_t vr_src_table_len(const struct vr_src_filter *f)
{
	return f->nfcoefs;
}

/*
 * Keep each dot product a function of its own: inlined into the output loop,
 * GCC 12's vectorizer left some of the 8 partial sums scalar (measured 2x
 * slower). Results do not depend on it, only speed does.
 */
#if defined(__GNUC__)
#define VR_SRC_NOINLINE __attribute__((noinline))
#else
#define VR_SRC_NOINLINE
#endif

#define LANES 8u
#define LANE_OPS(OP) OP(0) OP(1) OP(2) OP(3) OP(4) OP(5) OP(6) OP(7)
#define DECL(j) float a##j = 0.0f;
#define DECL2(j) float a##j = 0.0f, b##j = 0.0f;
#define STORE(j) a[j] = a##j;
#define STORE2(j) a[j] = a##j; b[j] = b##j;
/* one block of 8 taps: coefficients c[o + j], samples x[s + j] (or top[s - j]) */
#define MAC_UP(j) a##j += c[o + (j)] * x[s + (j)];
#define MAC_DOWN(j) a##j += c[o + (j)] * top[-(int32_t)s - (j)];
#define MAC_DUAL(j) { float v = x[s + (j)]; a##j += c0[o + (j)] * v; b##j += c1[o + (j)] * v; }

/* The fixed reduction of the 8 partial sums. */
static inline float lane_sum(const float a[LANES])
{
	return ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]));
}

/*
 * The last n % 8 taps of a row go through the block of 8 that ends at the
 * row's end, its first 8 - n % 8 coefficients (the previous block's) times 0:
 * no scalar tail, no padding in the tables, reads stay inside the window.
 * tail_mask[r][j] = 1 for the r taps this block adds.
 */
static const float tail_mask[LANES][LANES] = {
	{ 0, 0, 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0, 0, 1 },
	{ 0, 0, 0, 0, 0, 0, 1, 1 }, { 0, 0, 0, 0, 0, 1, 1, 1 },
	{ 0, 0, 0, 0, 1, 1, 1, 1 }, { 0, 0, 0, 1, 1, 1, 1, 1 },
	{ 0, 0, 1, 1, 1, 1, 1, 1 }, { 0, 1, 1, 1, 1, 1, 1, 1 },
};

/* A row of fewer than 8 taps: one sum in order. */
static float dot_short(const float *c, const float *x, int32_t step, uint32_t n)
{
	float acc = 0.0f;

	for (uint32_t i = 0; i < n; i++)
		acc += c[i] * x[(int32_t)i * step];
	return acc;
}

/*
 * sum c[i] * x[i] over a row of n taps stored in blocks (src_tables.h): the
 * full blocks, then the last one aligned to the row's end.
 */
VR_SRC_NOINLINE static float dot_up(const float *restrict c, const float *restrict x, uint32_t n)
{
	float a[LANES];
	uint32_t full = n / LANES * LANES, o, s;
	const float *m = tail_mask[n - full];

	if (n < LANES)
		return dot_short(c, x, 1, n);
	LANE_OPS(DECL)
	for (o = 0, s = 0; o < full; o += LANES, s += LANES) {
		LANE_OPS(MAC_UP)
	}
	LANE_OPS(STORE)
	if (full < n) /* the last block, aligned to the row's end */
		for (uint32_t j = 0; j < LANES; j++)
			a[j] += (c[n - LANES + j] * m[j]) * x[n - LANES + j];
	return lane_sum(a);
}

/* sum c[i] * top[-i] (a POLY phase read through its mirror, see src_tables.h) */
VR_SRC_NOINLINE static float dot_down(const float *restrict c, const float *restrict top,
				      uint32_t n)
{
	float a[LANES];
	uint32_t full = n / LANES * LANES, o, s;
	const float *m = tail_mask[n - full];

	if (n < LANES)
		return dot_short(c, top, -1, n);
	LANE_OPS(DECL)
	for (o = 0, s = 0; o < full; o += LANES, s += LANES) {
		LANE_OPS(MAC_DOWN)
	}
	LANE_OPS(STORE)
	if (full < n) /* the last block, aligned to the row's end */
		for (uint32_t j = 0; j < LANES; j++)
			a[j] += (c[n - LANES + j] * m[j]) * top[-(int32_t)(n - LANES + j)];
	return lane_sum(a);
}

/* both phases of a x2 stage over one shared window: each sample load feeds two products */
VR_SRC_NOINLINE static void dot_dual(const float *restrict c0, const float *restrict c1,
				     const float *restrict x, uint32_t n, float *y0, float *y1)
{
	float a[LANES], b[LANES];
	uint32_t full = n / LANES * LANES, o, s;
	const float *m = tail_mask[n - full];

	if (n < LANES) {
		*y0 = dot_short(c0, x, 1, n);
		*y1 = dot_short(c1, x, 1, n);
		return;
	}
	LANE_OPS(DECL2)
	for (o = 0, s = 0; o < full; o += LANES, s += LANES) {
		LANE_OPS(MAC_DUAL)
	}
	LANE_OPS(STORE2)
	if (full < n) /* the last block, aligned to the row's end */
		for (uint32_t j = 0; j < LANES; j++) {
			float v = x[n - LANES + j];

			a[j] += (c0[n - LANES + j] * m[j]) * v;
			b[j] += (c1[n - LANES + j] * m[j]) * v;
		}
	*y0 = lane_sum(a);
	*y1 = lane_sum(b);
}

/* One output of phase p whose newest input sample is top[0]. */
static float one_output(const struct vr_src_stage *st, const float *top, uint32_t p)
{
	const struct vr_src_filter *f = st->f;
	uint32_t T = f->taps;

	switch (f->kind) {
	case VR_SRC_FOLD1:
	case VR_SRC_FOLD2: /* row p of T taps (c1[0] = 0 for phase 1) */
		return dot_up(st->coefs + p * T, top - (T - 1), T);
	default:
		if (p < (f->L + 1u) / 2u)
			return dot_up(st->coefs + p * T, top - (T - 1), T);
		return dot_down(st->coefs + (f->L - 1u - p) * T, top, T);
	}
}

/* Round to nearest (ties away from zero) and saturate to Q1.31. */
static inline int32_t to_q31(float y)
{
	int32_t t;
	float r;

	if (y >= 2147483648.0f)
		return INT32_MAX;
	if (y <= -2147483648.0f)
		return INT32_MIN;
	t = (int32_t)y;      /* toward zero, exact for |y| < 2^31 */
	r = y - (float)t;    /* exact: |y| < 2^24 or r == 0 */
	/* no branch: the fraction's sign and size are random (a mispredicted
	 * branch per output cost 15 % of the time) */
	return t + (int32_t)(r >= 0.5f) - (int32_t)(r <= -0.5f);
}

static inline void put(void *dst, size_t idx, float y, int q31)
{
	if (q31)
		((int32_t *)dst)[idx] = to_q31(y);
	else
		((float *)dst)[idx] = y;
}

void vr_src_outputs(const struct vr_src_stage *st, uint32_t nch, void *dst, uint32_t ch_stride,
		    uint32_t frame_stride, uint32_t k, int q31)
{
	uint32_t M = st->f->M, T = st->f->taps;

	for (uint32_t c = 0; c < nch; c++) {
		const float *line = st->line + (size_t)c * st->cap;
		size_t o = (size_t)c * ch_stride;
		uint32_t p = st->phase, pos = st->pos, i = 0;

		if (st->f->kind == VR_SRC_FOLD2 && M == 1) {
			if (p == 1 && k > 0) { /* finish a started pair */
				put(dst, o, one_output(st, line + pos, 1), q31);
				p = 0;
				pos++;
				i = 1;
			}
			for (; i + 1 < k; i += 2, pos++) {
				float y0, y1;

				dot_dual(st->coefs, st->coefs + T, line + pos - (T - 1), T,
					 &y0, &y1);
				put(dst, o + (size_t)i * frame_stride, y0, q31);
				put(dst, o + (size_t)(i + 1) * frame_stride, y1, q31);
			}
		}
		for (; i < k; i++) {
			put(dst, o + (size_t)i * frame_stride, one_output(st, line + pos, p), q31);
			vr_src_advance(st, &p, &pos);
		}
	}
}

void vr_src_push(struct vr_src_stage *st, uint32_t nch, const int32_t *in, uint32_t n)
{
	for (uint32_t c = 0; c < nch; c++) {
		float *dst = st->line + (size_t)c * st->cap + st->fill;

		for (uint32_t i = 0; i < n; i++)
			dst[i] = (float)in[(size_t)i * nch + c];
	}
	st->fill += n;
}
