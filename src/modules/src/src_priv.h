/* SPDX-License-Identifier: BSD-3-Clause */
/* SRC engine internals shared by its source files. */
#ifndef VREGION_SRC_PRIV_H
#define VREGION_SRC_PRIV_H

#include <stdint.h>

#include <vregion/modules/src_engine.h>

#include "src_tables.h"

/*
 * The arithmetic is fixed at build time (VR_SRC_ARITH_FLOAT, set by CMake):
 * a delay line holds float32 or Q1.31 samples, the tables are the float32 or
 * the Q2.30 ones. Both sample types are 4 bytes, so plans and delay-line
 * sizes are the same for either.
 */
#ifndef VR_SRC_ARITH_FLOAT
#define VR_SRC_ARITH_FLOAT 0
#endif
#if VR_SRC_ARITH_FLOAT
typedef float vr_src_sample;
typedef float vr_src_coef;
#else
typedef int32_t vr_src_sample;
typedef int32_t vr_src_coef;
#endif
_Static_assert(sizeof(vr_src_sample) == 4, "delay-line sizes assume 4-byte samples");

/*
 * One stage's delay line, per channel a linear buffer of `cap` samples:
 * [0, fill) holds valid samples (the first `hist` are the silence history
 * after a reset). The next output uses samples (pos - hist .. pos], so it can
 * be computed when pos < fill. When the buffer is full, samples older than
 * pos - hist are dropped by moving the rest to the front. Invariants:
 * hist <= pos, fill <= cap, and every read index lies in [pos - hist, pos].
 */
struct vr_src_stage {
	const struct vr_src_filter *f;
	const vr_src_coef *coefs;
	vr_src_sample *line; /* channel c at line + c * cap */
	uint32_t cap;
	uint32_t hist;
	uint32_t fill;
	uint32_t pos;
	uint32_t phase;   /* 0 .. L-1 */
	uint32_t adv_pos, adv_phase; /* M / L and M % L: one output's step, no division */
};

/* Step (phase, position) to the next output: phase += M, carried into pos mod L. */
static inline void vr_src_advance(const struct vr_src_stage *st, uint32_t *p, uint32_t *pos)
{
	*p += st->adv_phase;
	*pos += st->adv_pos;
	if (*p >= st->f->L) {
		*p -= st->f->L;
		(*pos)++;
	}
}

struct vr_src {
	uint32_t magic;
	uint32_t channels;
	uint32_t nstages;
	uint32_t fs_in, fs_out;
	vr_src_sample *delay;
	size_t delay_words;
	struct vr_src_stage st[VR_SRC_MAX_STAGES];
};

#define VR_SRC_MAGIC 0x53524321u

/* The table of a filter for this build's arithmetic, and its length. */
const vr_src_coef *vr_src_table(const struct vr_src_filter *f);
uint32_t vr_src_table_len(const struct vr_src_filter *f);

/*
 * Kernels (src_fir_float.c or src_fir_int.c): k outputs of every channel from
 * the stage's current phase and position; channel c of output i goes to
 * dst[c * ch_stride + i * frame_stride], as Q1.31 int32 when `q31` (the last
 * stage) or as the next stage's vr_src_sample otherwise.
 */
void vr_src_outputs(const struct vr_src_stage *st, uint32_t nch, void *dst, uint32_t ch_stride,
		    uint32_t frame_stride, uint32_t k, int q31);

/* Append n interleaved Q1.31 frames to the first stage's delay lines. */
void vr_src_push(struct vr_src_stage *st, uint32_t nch, const int32_t *in, uint32_t n);

/* Run a stage: compute up to max_out outputs (see vr_src_outputs). */
uint32_t vr_src_stage_run(struct vr_src_stage *st, uint32_t nch, void *dst, uint32_t ch_stride,
			  uint32_t frame_stride, uint32_t max_out, int q31);

/* Drop history that no future output reads; returns the free room. */
uint32_t vr_src_stage_room(struct vr_src_stage *st, uint32_t nch);

#endif
