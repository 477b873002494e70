/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SRC FIR kernels, integer arithmetic (VR_SRC_ARITH_FLOAT = 0: targets
 * without an FPU). Q1.31 samples times Q2.30 coefficients give Q3.61
 * products; the generator bounds every phase's sum of |h| below 4, so the
 * 64-bit sum cannot overflow even for full-scale input of the worst sign
 * pattern. One rounding (to nearest) and one saturation per output; the
 * shift is 30 (gain 1) or 29 (a stage of gain 2, see src_tables.h). Integer
 * sums are exact: the result does not depend on the order of the additions.
 */
#include <string.h>

#include "src_priv.h"

#if VR_SRC_ARITH_FLOAT
#error "src_fir_int.c is the integer build"
#endif

const char *vr_src_arith_name(void)
{
	return "int64";
}

const vr_src_coef *vr_src_table(const struct vr_src_filter *f)
{
	return f->coefs;
}

uint32_t vr_src_table_len(const struct vr_src_filter *f)
{
	return f->ncoefs;
}

static inline int32_t round_sat(int64_t acc, uint32_t shift)
{
	/* right shift of a negative value: arithmetic on every compiler we target */
	acc = (acc + ((int64_t)1 << (shift - 1))) >> shift;
	if (acc > INT32_MAX)
		return INT32_MAX;
	if (acc < INT32_MIN)
		return INT32_MIN;
	return (int32_t)acc;
}

/* sum c[i] * x[i], both ascending */
static int64_t dot_up(const int32_t *restrict c, const int32_t *restrict x, uint32_t n)
{
	int64_t acc = 0;

	for (uint32_t i = 0; i < n; i++)
		acc += (int64_t)c[i] * x[i];
	return acc;
}

/* sum c[i] * top[-i] */
static int64_t dot_down(const int32_t *restrict c, const int32_t *restrict top, uint32_t n)
{
	int64_t acc = 0;

	for (uint32_t i = 0; i < n; i++)
		acc += (int64_t)c[i] * top[-(int32_t)i];
	return acc;
}

/* symmetric n-tap filter, first half in c, newest sample at top: one
 * coefficient load serves both taps (two widening products, no 64x64) */
static int64_t dot_fold(const int32_t *restrict c, const int32_t *restrict top, uint32_t n)
{
	const int32_t *old = top - (n - 1);
	uint32_t half = n / 2;
	int64_t acc = 0;

	for (uint32_t i = 0; i < half; i++)
		acc += (int64_t)c[i] * top[-(int32_t)i] + (int64_t)c[i] * old[i];
	if (n & 1)
		acc += (int64_t)c[half] * top[-(int32_t)half];
	return acc;
}

/* both phases of a x2 (FOLD2) stage at once: one pass over the shared
 * window; phase 0 has T taps (old end o0), phase 1 T-1 taps (o0 + 1) */
static void dot_fold2x(const int32_t *restrict c0, const int32_t *restrict c1,
		       const int32_t *restrict top, uint32_t T, int64_t *y0, int64_t *y1)
{
	const int32_t *o0 = top - (T - 1), *o1 = o0 + 1;
	uint32_t h0 = T / 2, h1 = (T - 1) / 2, i;
	int64_t a0 = 0, a1 = 0;

	for (i = 0; i < h1; i++) {
		int32_t x = top[-(int32_t)i];

		a0 += (int64_t)c0[i] * x + (int64_t)c0[i] * o0[i];
		a1 += (int64_t)c1[i] * x + (int64_t)c1[i] * o1[i];
	}
	for (; i < h0; i++)
		a0 += (int64_t)c0[i] * top[-(int32_t)i] + (int64_t)c0[i] * o0[i];
	if (T & 1)
		a0 += (int64_t)c0[h0] * top[-(int32_t)h0];
	else
		a1 += (int64_t)c1[h1] * top[-(int32_t)h1];
	*y0 = a0;
	*y1 = a1;
}

static int64_t one_output(const struct vr_src_stage *st, const int32_t *top, uint32_t p)
{
	const struct vr_src_filter *f = st->f;
	uint32_t T = f->taps;

	switch (f->kind) {
	case VR_SRC_FOLD1:
		return dot_fold(st->coefs, top, T);
	case VR_SRC_FOLD2:
		if (p == 0)
			return dot_fold(st->coefs, top, T);
		return dot_fold(st->coefs + (T + 1) / 2, top, T - 1);
	default:
		if (p < (f->L + 1u) / 2u)
			return dot_up(st->coefs + p * T, top - (T - 1), T);
		return dot_down(st->coefs + (f->L - 1u - p) * T, top, T);
	}
}

void vr_src_outputs(const struct vr_src_stage *st, uint32_t nch, void *dst, uint32_t ch_stride,
		    uint32_t frame_stride, uint32_t k, int q31)
{
	uint32_t M = st->f->M, sh = st->f->shift;

	(void)q31; /* every stage writes Q1.31 */
	for (uint32_t c = 0; c < nch; c++) {
		const int32_t *line = st->line + (size_t)c * st->cap;
		int32_t *out = (int32_t *)dst + (size_t)c * ch_stride;
		uint32_t p = st->phase, pos = st->pos, i = 0;

		if (st->f->kind == VR_SRC_FOLD2 && M == 1) {
			uint32_t T = st->f->taps;
			const int32_t *c1 = st->coefs + (T + 1) / 2;

			if (p == 1 && k > 0) { /* finish a started pair */
				out[0] = round_sat(one_output(st, line + pos, 1), sh);
				p = 0;
				pos++;
				i = 1;
			}
			for (; i + 1 < k; i += 2, pos++) {
				int64_t y0, y1;

				dot_fold2x(st->coefs, c1, line + pos, T, &y0, &y1);
				out[(size_t)i * frame_stride] = round_sat(y0, sh);
				out[(size_t)(i + 1) * frame_stride] = round_sat(y1, sh);
			}
		}
		for (; i < k; i++) {
			out[(size_t)i * frame_stride] = round_sat(one_output(st, line + pos, p), sh);
			vr_src_advance(st, &p, &pos);
		}
	}
}

void vr_src_push(struct vr_src_stage *st, uint32_t nch, const int32_t *in, uint32_t n)
{
	for (uint32_t c = 0; c < nch; c++) {
		int32_t *dst = st->line + (size_t)c * st->cap + st->fill;

		for (uint32_t i = 0; i < n; i++)
			dst[i] = in[(size_t)i * nch + c];
	}
	st->fill += n;
}
