/* SPDX-License-Identifier: BSD-3-Clause */
/* SRC stage bookkeeping, the same for either arithmetic. */
#include <string.h>

#include "src_priv.h"

uint32_t vr_src_stage_run(struct vr_src_stage *st, uint32_t nch, void *dst, uint32_t ch_stride,
			  uint32_t frame_stride, uint32_t max_out, int q31)
{
	uint32_t k = 0, p = st->phase, pos = st->pos;

	/* how many outputs the buffered input allows */
	while (k < max_out && pos < st->fill) {
		k++;
		vr_src_advance(st, &p, &pos);
	}
	if (k == 0 || st->pos < st->hist)
		return 0;
	vr_src_outputs(st, nch, dst, ch_stride, frame_stride, k, q31);
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
		vr_src_sample *line = st->line + (size_t)c * st->cap;

		memmove(line, line + drop, (size_t)(st->fill - drop) * sizeof(*line));
	}
	st->fill -= drop;
	st->pos -= drop;
	return st->cap - st->fill;
}
