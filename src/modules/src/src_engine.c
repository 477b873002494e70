/* SPDX-License-Identifier: BSD-3-Clause */
/* SRC engine: planning, init in caller memory, process, reset. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "src_priv.h"

static int rate_index(uint32_t fs)
{
	for (int i = 0; i < VR_SRC_NRATES; i++)
		if (vr_src_rates[i] == fs)
			return i;
	return -1;
}

static uint32_t line_cap(const struct vr_src_filter *f)
{
	return f->hist + f->chunk;
}

int vr_src_plan(struct vr_src_plan *plan, uint32_t fs_in, uint32_t fs_out, uint32_t channels)
{
	int a = rate_index(fs_in), b = rate_index(fs_out);
	const struct vr_src_pair *pr;
	size_t per_ch = 0;

	if (!plan || a < 0 || b < 0 || channels < 1 || channels > VR_SRC_MAX_CHANNELS)
		return -EINVAL;
	pr = &vr_src_pairs[a][b];
	memset(plan, 0, sizeof(*plan));
	plan->fs_in = fs_in;
	plan->fs_out = fs_out;
	plan->channels = channels;
	plan->nstages = pr->nstages;
	plan->state_bytes = sizeof(struct vr_src);
	for (uint32_t s = 0; s < pr->nstages; s++) {
		const struct vr_src_filter *f = &vr_src_filters[pr->filter[s]];

		plan->filter_id[s] = pr->filter[s];
		plan->coef[s] = vr_src_table(f);
		if (!plan->coef[s])
			return -EINVAL; /* this build left the table out */
		plan->coef_bytes[s] = (size_t)vr_src_table_len(f) * sizeof(vr_src_coef);
		plan->coef_bytes_total += plan->coef_bytes[s];
		per_ch += (size_t)line_cap(f) * sizeof(vr_src_sample);
	}
	plan->delay_bytes_per_channel = per_ch;
	plan->delay_bytes = per_ch * channels;
	plan->latency_us = (pr->latency_ns + 500u) / 1000u;
	plan->over_budget = pr->over_budget;
	return 0;
}

static void clear_state(struct vr_src *s)
{
	if (s->delay_words)
		memset(s->delay, 0, s->delay_words * sizeof(vr_src_sample)); /* 0.0f is all zero bits */
	for (uint32_t i = 0; i < s->nstages; i++) {
		struct vr_src_stage *st = &s->st[i];

		st->fill = st->hist;
		st->pos = st->hist;
		st->phase = 0;
	}
}

struct vr_src *vr_src_init(void *mem, size_t mem_bytes, void *delay, size_t delay_bytes,
			   const void *const coef[VR_SRC_MAX_STAGES],
			   const struct vr_src_plan *plan)
{
	struct vr_src_plan check;
	struct vr_src *s = mem;
	vr_src_sample *line = delay;

	if (!mem || !plan || ((uintptr_t)mem & 7u) || mem_bytes < sizeof(*s))
		return NULL;
	/* never trust a plan we did not make: recompute and compare */
	if (vr_src_plan(&check, plan->fs_in, plan->fs_out, plan->channels) ||
	    check.delay_bytes != plan->delay_bytes || check.nstages != plan->nstages)
		return NULL;
	if (delay_bytes < check.delay_bytes || (check.delay_bytes && (!delay || ((uintptr_t)delay & 3u))))
		return NULL;
	memset(s, 0, sizeof(*s));
	s->channels = check.channels;
	s->nstages = check.nstages;
	s->fs_in = check.fs_in;
	s->fs_out = check.fs_out;
	s->delay = delay;
	s->delay_words = check.delay_bytes / sizeof(vr_src_sample);
	for (uint32_t i = 0; i < s->nstages; i++) {
		struct vr_src_stage *st = &s->st[i];

		st->f = &vr_src_filters[check.filter_id[i]];
		st->coefs = coef && coef[i] ? (const vr_src_coef *)coef[i] : vr_src_table(st->f);
		if (!st->coefs)
			return NULL; /* this build left the table out */
		st->cap = line_cap(st->f);
		st->hist = st->f->hist;
		st->adv_pos = st->f->M / st->f->L;
		st->adv_phase = st->f->M % st->f->L;
		st->line = line;
		line += (size_t)st->cap * s->channels;
	}
	clear_state(s);
	s->magic = VR_SRC_MAGIC;
	return s;
}

void vr_src_reset(struct vr_src *s)
{
	if (s && s->magic == VR_SRC_MAGIC)
		clear_state(s);
}

uint32_t vr_src_max_output(const struct vr_src *s, uint32_t in_frames)
{
	uint64_t n;

	if (!s || s->magic != VR_SRC_MAGIC)
		return 0;
	/* buffered input can add at most one line's worth per stage; +2 for phase */
	n = (uint64_t)in_frames;
	for (uint32_t i = 0; i < s->nstages; i++) {
		const struct vr_src_filter *f = s->st[i].f;

		n = ((n + s->st[i].cap) * f->L + f->M - 1) / f->M + 1;
	}
	return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

int vr_src_process(struct vr_src *s, const int32_t *in, uint32_t in_frames, int32_t *out,
		   uint32_t out_frames, uint32_t *consumed, uint32_t *produced)
{
	uint32_t nch, ic = 0, oc = 0;
	struct vr_src_stage *first, *last;

	if (consumed)
		*consumed = 0;
	if (produced)
		*produced = 0;
	if (!s || s->magic != VR_SRC_MAGIC || (!in && in_frames) || (!out && out_frames))
		return -EINVAL;
	nch = s->channels;
	if (s->nstages == 0) {
		ic = oc = in_frames < out_frames ? in_frames : out_frames;
		if (ic)
			memcpy(out, in, (size_t)ic * nch * sizeof(int32_t));
		goto done;
	}
	first = &s->st[0];
	last = &s->st[s->nstages - 1];
	for (;;) {
		uint32_t progress = 0, room, n;

		if (oc < out_frames) {
			n = vr_src_stage_run(last, nch, out + (size_t)oc * nch, 1, nch, out_frames - oc, 1);
			oc += n;
			progress += n;
		}
		if (oc == out_frames)
			break;
		if (s->nstages == 2) {
			room = vr_src_stage_room(last, nch);
			if (room) {
				n = vr_src_stage_run(first, nch, last->line + last->fill, last->cap, 1, room, 0);
				last->fill += n;
				progress += n;
			}
		}
		if (ic < in_frames) {
			room = vr_src_stage_room(first, nch);
			n = in_frames - ic < room ? in_frames - ic : room;
			if (n) {
				vr_src_push(first, nch, in + (size_t)ic * nch, n);
				ic += n;
				progress += n;
			}
		}
		if (!progress)
			break;
	}
done:
	if (consumed)
		*consumed = ic;
	if (produced)
		*produced = oc;
	return 0;
}
