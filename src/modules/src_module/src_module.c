/* SPDX-License-Identifier: BSD-3-Clause */
/* The SRC module: the engine in caller memory, everything allocated at init. */
#include <errno.h>
#include <string.h>

#include <vregion/audio/buffer.h>
#include <vregion/audio/fw.h>
#include <vregion/ipc4/modcfg.h>
#include <vregion/ipc4/status.h>
#include <vregion/ipc4/types.h>
#include <vregion/modules/src_module.h>

struct src_priv {
	struct vr_src_plan plan;
	struct vr_src *engine;
	void *state;
	int32_t *delay;
	const void *coef[VR_SRC_MAX_STAGES];
	int32_t *in_stage;      /* input taken from the ring, not yet consumed */
	int32_t *out_stage;
	uint32_t in_cap, out_cap; /* frames */
	uint32_t in_fill, in_off;
	uint32_t frame_bytes;     /* same on both sides: channels x 4 */
	uint64_t frames_in, frames_out, resets;
};

static uint32_t period_frames(uint32_t rate, uint64_t period_us)
{
	return (uint32_t)((rate * period_us + 999999u) / 1000000u);
}

static uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

/* Plan and take every buffer; the coefficient tables through fast-get. */
static int src_alloc(struct processing_module *mod, struct src_priv *sp)
{
	const struct vr_src_plan *pl = &sp->plan;
	sp->state = mod_alloc_align(mod, pl->state_bytes, 8);
	if (!sp->state)
		return -ENOMEM;
	if (pl->delay_bytes) {
		/* exactly what the plan says; the engine is told the size (SRC1) */
		sp->delay = mod_alloc_align(mod, pl->delay_bytes, 8);
		if (!sp->delay)
			return -ENOMEM;
	}
	for (uint32_t i = 0; i < pl->nstages; i++) {
		sp->coef[i] = mod_fast_get(mod, pl->coef[i], pl->coef_bytes[i]);
		if (!sp->coef[i])
			return -ENOMEM;
	}
	sp->engine = vr_src_init(sp->state, pl->state_bytes, sp->delay, pl->delay_bytes,
				 sp->coef, pl);
	if (!sp->engine)
		return -EINVAL;
	sp->in_stage = mod_alloc(mod, (size_t)sp->in_cap * sp->frame_bytes);
	sp->out_stage = mod_alloc(mod, (size_t)sp->out_cap * sp->frame_bytes);
	return sp->in_stage && sp->out_stage ? 0 : -ENOMEM;
}

static int src_init(struct processing_module *mod)
{
	struct ipc4_src_cfg cfg;
	if (!mod->init_data ||
	    ipc4_src_cfg_decode(mod->init_data, mod->init_size, &cfg) != IPC4_SUCCESS)
		return -EINVAL;
	const struct ipc4_audio_fmt *f = &cfg.base.fmt;
	if (f->depth != 32 || f->valid_bit_depth != 32 || f->s_type == IPC4_SAMPLE_FLOAT)
		return -EINVAL; /* Q1.31 only: the copier promotes narrower streams */
	struct vr_src_plan plan;
	if (vr_src_plan(&plan, f->sampling_frequency, cfg.sink_rate, f->channels_count))
		return -EINVAL; /* an unsupported pair fails at init */
	struct src_priv *sp = mod_zalloc(mod, sizeof(*sp));
	if (!sp)
		return -ENOMEM;
	mod->priv = sp;
	sp->plan = plan;
	sp->frame_bytes = plan.channels * (uint32_t)sizeof(int32_t);
	uint64_t period_us = fw_get_config(mod->fw)->period_us;
	uint32_t pin = period_frames(plan.fs_in, period_us);
	uint32_t pout = period_frames(plan.fs_out, period_us);
	/* one period (or ibs/obs, if larger) of staging each way */
	sp->in_cap = max_u32(pin, cfg.base.ibs / sp->frame_bytes);
	sp->out_cap = max_u32(pout, cfg.base.obs / sp->frame_bytes);
	int ret = src_alloc(mod, sp);
	if (ret)
		return ret; /* the framework frees what was taken (mod_free_all) */
	mod->in_fmt = (struct audio_fmt){ plan.fs_in, plan.channels, 4 };
	mod->out_fmt = (struct audio_fmt){ plan.fs_out, plan.channels, 4 };
	mod->ibs = cfg.base.ibs ? cfg.base.ibs : pin * sp->frame_bytes;
	mod->obs = cfg.base.obs ? cfg.base.obs : pout * sp->frame_bytes;
	return 0;
}

/* Nothing to allocate: check that the bound buffers carry what init planned. */
static int src_prepare(struct processing_module *mod)
{
	struct src_priv *sp = mod->priv;
	struct comp_buffer *in = mod->sources[0], *out = mod->sinks[0];
	if (in && in->frame_bytes && in->frame_bytes != sp->frame_bytes)
		return -EINVAL;
	if (out && out->frame_bytes && out->frame_bytes != sp->frame_bytes)
		return -EINVAL;
	return 0;
}

/* Top up the input staging from the ring (moving the unconsumed rest first). */
static void stage_input(struct src_priv *sp, struct comp_buffer *in)
{
	uint32_t left = sp->in_fill - sp->in_off;
	if (sp->in_off) {
		memmove(sp->in_stage, sp->in_stage + (size_t)sp->in_off * sp->plan.channels,
			(size_t)left * sp->frame_bytes);
		sp->in_off = 0;
		sp->in_fill = left;
	}
	size_t avail = buffer_avail(in) / sp->frame_bytes;
	uint32_t take = sp->in_cap - sp->in_fill;
	if (avail < take)
		take = (uint32_t)avail;
	if (take)
		sp->in_fill += (uint32_t)(buffer_read(in, sp->in_stage + (size_t)sp->in_fill *
							       sp->plan.channels,
						      (size_t)take * sp->frame_bytes) /
					  sp->frame_bytes);
}

static int src_process(struct processing_module *mod)
{
	struct src_priv *sp = mod->priv;
	struct comp_buffer *in = mod->sources[0], *out = mod->sinks[0];
	if (!in || !out)
		return 0;
	/* Bounded: every round consumes or produces, or the loop ends. */
	for (;;) {
		stage_input(sp, in);
		size_t room = buffer_free_space(out) / sp->frame_bytes;
		uint32_t n = room < sp->out_cap ? (uint32_t)room : sp->out_cap;
		uint32_t used = 0, made = 0;
		int ret = vr_src_process(sp->engine, sp->in_stage + (size_t)sp->in_off *
						     sp->plan.channels,
					 sp->in_fill - sp->in_off, sp->out_stage, n, &used, &made);
		if (ret)
			return ret;
		sp->in_off += used;
		sp->frames_in += used;
		if (made)
			buffer_write(out, sp->out_stage, (size_t)made * sp->frame_bytes);
		sp->frames_out += made;
		if (!used && !made)
			return 0;
	}
}

/* Stop: clear the history and the staging; keep every buffer and the engine. */
static int src_reset(struct processing_module *mod)
{
	struct src_priv *sp = mod->priv;
	vr_src_reset(sp->engine);
	sp->in_fill = sp->in_off = 0;
	sp->frames_in = sp->frames_out = 0;
	sp->resets++;
	return 0;
}

static int src_free(struct processing_module *mod)
{
	struct src_priv *sp = mod->priv;
	if (!sp)
		return 0;
	/* the tables go back to the shared cache at once; mod_free_all() does the rest */
	for (uint32_t i = 0; i < VR_SRC_MAX_STAGES; i++)
		if (sp->coef[i])
			mod_fast_put(mod, sp->coef[i]);
	return 0;
}

static const struct module_ops src_ops = {
	.init = src_init,
	.prepare = src_prepare,
	.process = src_process,
	.reset = src_reset,
	.free = src_free,
};

const struct module_type src_module_type = { IPC4_MODULE_SRC, "src", &src_ops };

int src_module_get_info(struct processing_module *mod, struct src_module_info *info)
{
	if (!mod || !info || mod->type != &src_module_type || !mod->priv)
		return -EINVAL;
	const struct src_priv *sp = mod->priv;
	memset(info, 0, sizeof(*info));
	info->plan = sp->plan;
	for (uint32_t i = 0; i < VR_SRC_MAX_STAGES; i++)
		info->coef[i] = sp->coef[i];
	info->state = sp->state;
	info->delay = sp->delay;
	info->in_stage_frames = sp->in_cap;
	info->out_stage_frames = sp->out_cap;
	info->staged_frames = sp->in_fill - sp->in_off;
	info->frames_in = sp->frames_in;
	info->frames_out = sp->frames_out;
	info->resets = sp->resets;
	return 0;
}
