/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SRC FIR kernels. Q1.31 samples times Q2.30 coefficients give Q3.61
 * products; the generator bounds every phase's sum of |h| below 4, so the
 * 64-bit sum cannot overflow even for full-scale input of the worst sign
 * pattern. One rounding (to nearest) and one saturation per output; the
 * shift is 30 (gain 1) or 29 (a stage of gain 2, see src_tables.h).
 */
#include <string.h>

#include "src_priv.h"

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

/*
 * The kernels are written once (macro) and instantiated twice: a plain
 * scalar build for every target, and on x86-64 with GCC an AVX2 build that the
 * vectorizer turns into vpmuldq (signed 32x32->64) lanes. Integer sums are
 * exact, so both give bit-identical output; the AVX2 one is chosen at init
 * when the CPU has it.
 */
#define VR_SRC_KERNELS(SFX, ATTR)                                                        \
	/* sum c[i] * x[i], both ascending */                                            \
	ATTR static int64_t dot_up##SFX(const int32_t *restrict c, const int32_t *restrict x, \
					uint32_t n)                                      \
	{                                                                                \
		int64_t acc = 0;                                                         \
		for (uint32_t i = 0; i < n; i++)                                         \
			acc += (int64_t)c[i] * x[i];                                     \
		return acc;                                                              \
	}                                                                                \
	/* sum c[i] * top[-i] */                                                         \
	ATTR static int64_t dot_down##SFX(const int32_t *restrict c,                    \
					  const int32_t *restrict top, uint32_t n)      \
	{                                                                                \
		int64_t acc = 0;                                                         \
		for (uint32_t i = 0; i < n; i++)                                         \
			acc += (int64_t)c[i] * top[-(int32_t)i];                         \
		return acc;                                                              \
	}                                                                                \
	/* symmetric n-tap filter, first half in c, newest sample at top: one       */ \
	/* coefficient load serves both taps (two widening products, no 64x64)      */ \
	ATTR static int64_t dot_fold##SFX(const int32_t *restrict c,                    \
					  const int32_t *restrict top, uint32_t n)      \
	{                                                                                \
		const int32_t *old = top - (n - 1);                                      \
		uint32_t half = n / 2;                                                   \
		int64_t acc = 0;                                                         \
		for (uint32_t i = 0; i < half; i++)                                      \
			acc += (int64_t)c[i] * top[-(int32_t)i] + (int64_t)c[i] * old[i]; \
		if (n & 1)                                                               \
			acc += (int64_t)c[half] * top[-(int32_t)half];                   \
		return acc;                                                              \
	}                                                                                \
	/* both phases of a x2 (FOLD2) stage at once: one pass over the shared   */ \
	/* window; phase 0 has T taps (old end o0), phase 1 T-1 taps (o0 + 1)    */ \
	ATTR static void dot_fold2x##SFX(const int32_t *restrict c0,                     \
					 const int32_t *restrict c1,                     \
					 const int32_t *restrict top, uint32_t T,        \
					 int64_t *y0, int64_t *y1)                       \
	{                                                                                \
		const int32_t *o0 = top - (T - 1), *o1 = o0 + 1;                         \
		uint32_t h0 = T / 2, h1 = (T - 1) / 2, i;                                \
		int64_t a0 = 0, a1 = 0;                                                  \
		for (i = 0; i < h1; i++) {                                               \
			int32_t x = top[-(int32_t)i];                                    \
			a0 += (int64_t)c0[i] * x + (int64_t)c0[i] * o0[i];               \
			a1 += (int64_t)c1[i] * x + (int64_t)c1[i] * o1[i];               \
		}                                                                        \
		for (; i < h0; i++)                                                      \
			a0 += (int64_t)c0[i] * top[-(int32_t)i] + (int64_t)c0[i] * o0[i]; \
		if (T & 1)                                                               \
			a0 += (int64_t)c0[h0] * top[-(int32_t)h0];                       \
		else                                                                     \
			a1 += (int64_t)c1[h1] * top[-(int32_t)h1];                       \
		*y0 = a0;                                                                \
		*y1 = a1;                                                                \
	}                                                                                \
	ATTR static int64_t one_output##SFX(const struct vr_src_stage *st,               \
					    const int32_t *top, uint32_t p)             \
	{                                                                                \
		const struct vr_src_filter *f = st->f;                                   \
		uint32_t T = f->taps;                                                    \
		switch (f->kind) {                                                       \
		case VR_SRC_FOLD1:                                                       \
			return dot_fold##SFX(st->coefs, top, T);                         \
		case VR_SRC_FOLD2:                                                       \
			if (p == 0)                                                      \
				return dot_fold##SFX(st->coefs, top, T);                 \
			return dot_fold##SFX(st->coefs + (T + 1) / 2, top, T - 1);       \
		default:                                                                 \
			if (p < (f->L + 1u) / 2u)                                        \
				return dot_up##SFX(st->coefs + p * T, top - (T - 1), T); \
			return dot_down##SFX(st->coefs + (f->L - 1u - p) * T, top, T);   \
		}                                                                        \
	}                                                                                \
	/* k outputs of every channel, from the stage's current phase/position */    \
	ATTR static void outputs##SFX(const struct vr_src_stage *st, uint32_t nch,       \
				      int32_t *dst, uint32_t ch_stride,                  \
				      uint32_t frame_stride, uint32_t k)                 \
	{                                                                                \
		uint32_t L = st->f->L, M = st->f->M, sh = st->f->shift;                  \
		for (uint32_t c = 0; c < nch; c++) {                                     \
			const int32_t *line = st->line + (size_t)c * st->cap;            \
			int32_t *out = dst + (size_t)c * ch_stride;                      \
			uint32_t p = st->phase, pos = st->pos, i = 0;                    \
			if (st->f->kind == VR_SRC_FOLD2 && M == 1) {                     \
				uint32_t T = st->f->taps;                                \
				const int32_t *c1 = st->coefs + (T + 1) / 2;             \
				if (p == 1 && k > 0) { /* finish a started pair */       \
					out[0] = round_sat(one_output##SFX(st, line + pos, 1), sh); \
					p = 0;                                           \
					pos++;                                           \
					i = 1;                                           \
				}                                                        \
				for (; i + 1 < k; i += 2, pos++) {                       \
					int64_t y0, y1;                                  \
					dot_fold2x##SFX(st->coefs, c1, line + pos, T, &y0, &y1); \
					out[(size_t)i * frame_stride] = round_sat(y0, sh); \
					out[(size_t)(i + 1) * frame_stride] = round_sat(y1, sh); \
				}                                                        \
			}                                                                \
			for (; i < k; i++) {                                             \
				out[(size_t)i * frame_stride] =                          \
					round_sat(one_output##SFX(st, line + pos, p), sh); \
				p += M;                                                  \
				pos += p / L;                                            \
				p %= L;                                                  \
			}                                                                \
		}                                                                        \
	}

VR_SRC_KERNELS(_c, )

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(VR_SRC_NO_AVX2)
#define VR_SRC_AVX2 1
VR_SRC_KERNELS(_avx2, __attribute__((target("avx2"), optimize("tree-vectorize"))))
#endif

void vr_src_stage_select(struct vr_src_stage *st)
{
	st->outputs = outputs_c;
#ifdef VR_SRC_AVX2
	if (__builtin_cpu_supports("avx2"))
		st->outputs = outputs_avx2;
#endif
}

uint32_t vr_src_stage_run(struct vr_src_stage *st, uint32_t nch, int32_t *dst,
			  uint32_t ch_stride, uint32_t frame_stride, uint32_t max_out)
{
	uint32_t L = st->f->L, M = st->f->M, k = 0, p = st->phase, pos = st->pos;

	/* how many outputs the buffered input allows */
	while (k < max_out && pos < st->fill) {
		k++;
		p += M;
		pos += p / L;
		p %= L;
	}
	if (k == 0 || st->pos < st->hist)
		return 0;
	st->outputs(st, nch, dst, ch_stride, frame_stride, k);
	st->phase = p;
	st->pos = pos;
	return k;
}

uint32_t vr_src_stage_room(struct vr_src_stage *st, uint32_t nch)
{
	uint32_t drop;

	if (st->fill < st->cap)
		return st->cap - st->fill;
	drop = st->pos - st->hist;
	if (drop > st->fill)
		drop = st->fill;
	if (drop == 0)
		return 0;
	for (uint32_t c = 0; c < nch; c++) {
		int32_t *line = st->line + (size_t)c * st->cap;

		memmove(line, line + drop, (size_t)(st->fill - drop) * sizeof(*line));
	}
	st->fill -= drop;
	st->pos -= drop;
	return st->cap - st->fill;
}
