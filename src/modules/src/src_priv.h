/* SPDX-License-Identifier: BSD-3-Clause */
/* SRC engine internals shared by its source files. */
#ifndef VREGION_SRC_PRIV_H
#define VREGION_SRC_PRIV_H

#include <stdint.h>

#include <vregion/modules/src_engine.h>

#include "src_tables.h"

/*
 * One stage's delay line, per channel a linear buffer of `cap` samples:
 * [0, fill) holds valid samples (the first `hist` are the silence history
 * after a reset). The next output uses samples (pos - hist .. pos], so it can
 * be computed when pos < fill. When the buffer is full, samples older than
 * pos - hist are dropped by moving the rest to the front. Invariants:
 * hist <= pos, fill <= cap, and every read index lies in [pos - hist, pos].
 */
struct vr_src_stage;
typedef void (*vr_src_outputs_fn)(const struct vr_src_stage *st, uint32_t nch, int32_t *dst,
				  uint32_t ch_stride, uint32_t frame_stride, uint32_t k);

struct vr_src_stage {
	const struct vr_src_filter *f;
	vr_src_outputs_fn outputs; /* kernel build chosen for this CPU */
	const int32_t *coefs;
	int32_t *line;    /* channel c at line + c * cap */
	uint32_t cap;
	uint32_t hist;
	uint32_t fill;
	uint32_t pos;
	uint32_t phase;   /* 0 .. L-1 */
};

struct vr_src {
	uint32_t magic;
	uint32_t channels;
	uint32_t nstages;
	uint32_t fs_in, fs_out;
	int32_t *delay;
	size_t delay_words;
	struct vr_src_stage st[VR_SRC_MAX_STAGES];
};

#define VR_SRC_MAGIC 0x53524321u

/*
 * Run a stage: compute up to max_out outputs, channel c of output i going to
 * dst[c * ch_stride + i * frame_stride]. Returns the outputs computed.
 */
uint32_t vr_src_stage_run(struct vr_src_stage *st, uint32_t nch, int32_t *dst,
			  uint32_t ch_stride, uint32_t frame_stride, uint32_t max_out);

/* Choose the kernel build (scalar, or AVX2 where the CPU has it). */
void vr_src_stage_select(struct vr_src_stage *st);

/* Drop history that no future output reads; returns the free room. */
uint32_t vr_src_stage_room(struct vr_src_stage *st, uint32_t nch);

#endif
