/* SPDX-License-Identifier: BSD-3-Clause */
/* The gain module: configuration at init and at run time, processing. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <vregion/audio/audio_ctx.h>
#include <vregion/audio/buffer.h>
#include <vregion/audio/fw.h>
#include <vregion/ipc4/status.h>
#include <vregion/ipc4/types.h>
#include <vregion/vregion.h>

#include "gain_priv.h"

uint32_t gain_q31_from_db(double db)
{
	if (db != db || db <= -200.0)
		return 0;
	if (db >= 0.0)
		return IPC4_VOLUME_MAX;
	double v = pow(10.0, db / 20.0) * 2147483648.0;
	return v >= (double)IPC4_VOLUME_MAX ? IPC4_VOLUME_MAX : (uint32_t)llround(v);
}

double gain_db_from_q31(uint32_t volume)
{
	if (volume >= IPC4_VOLUME_MAX)
		return 0.0;
	if (volume == 0)
		return -HUGE_VAL;
	return 20.0 * log10((double)volume / 2147483648.0);
}

static int sfmt_of(const struct ipc4_audio_fmt *f, enum gain_sfmt *out)
{
	if (f->s_type == IPC4_SAMPLE_FLOAT || f->s_type > IPC4_SAMPLE_SIGNED_INTEGER)
		return -EINVAL;
	if (f->depth == 16 && f->valid_bit_depth == 16)
		*out = GAIN_S16;
	else if (f->depth == 32 && f->valid_bit_depth == 24)
		*out = GAIN_S24_4LE;
	else if (f->depth == 32 && f->valid_bit_depth == 32)
		*out = GAIN_S32;
	else
		return -EINVAL;
	return 0;
}

/* Apply one volume entry (one channel or all) with its own ramp. */
static void apply_volume(struct gain_priv *gp, const struct ipc4_volume_cfg *v)
{
	uint32_t frames = gain_ramp_frames(v->curve_duration, gp->rate);
	for (uint32_t i = 0; i < gp->channels; i++)
		if (v->channel_id == IPC4_ALL_CHANNELS || v->channel_id == i)
			gain_ch_set(&gp->ch[i], v->target_volume, v->curve_type, frames, gp->rate);
	gp->configs_applied++;
}

/* Mute (value 0) or unmute channels, with the init entry's ramp (none: at once). */
static void apply_switch(struct gain_priv *gp, const struct ipc4_switch_ctl *sw)
{
	uint32_t frames = gain_ramp_frames(gp->start_ramp.curve_duration, gp->rate);
	uint32_t n = sw->num_elems < gp->channels ? sw->num_elems : gp->channels;
	for (uint32_t k = 0; k < n; k++) {
		if (sw->channel[k] >= gp->channels)
			continue;
		struct gain_ch *c = &gp->ch[sw->channel[k]];
		c->muted = sw->value[k] == 0;
		gain_ch_set(c, c->target_volume, gp->start_ramp.curve_type, frames, gp->rate);
	}
	gp->configs_applied++;
}

/* Check a runtime blob of @p param; apply it too when @p gp is given. */
static int handle_blob(struct gain_priv *gp, uint32_t channels, uint32_t param,
		       const uint8_t *data, size_t size, bool s16)
{
	union {
		struct ipc4_volume_cfg v;
		struct ipc4_switch_ctl sw;
	} u;
	uint32_t shift;
	switch (param) {
	case IPC4_VOLUME_PARAM:
		if (ipc4_volume_cfg_decode(data, size, &u.v) != IPC4_SUCCESS ||
		    (u.v.channel_id != IPC4_ALL_CHANNELS && u.v.channel_id >= channels))
			return -EINVAL;
		if (gp)
			apply_volume(gp, &u.v);
		return 0;
	case IPC4_SET_ATTENUATION_PARAM:
		/* as the reference: refused only for a 16-bit stream */
		if (s16 || ipc4_attenuation_decode(data, size, &shift) != IPC4_SUCCESS)
			return -EINVAL;
		if (gp) {
			gp->shift = shift;
			gp->configs_applied++;
		}
		return 0;
	case IPC4_SWITCH_CONTROL_PARAM:
		if (ipc4_switch_ctl_decode(data, size, &u.sw) != IPC4_SUCCESS)
			return -EINVAL;
		if (gp)
			apply_switch(gp, &u.sw);
		return 0;
	default:
		return -EINVAL; /* transition delay (2) and anything else */
	}
}

/* A runtime configuration handed over by set_configuration takes effect; its copy goes. */
static void apply_pending(struct processing_module *mod, struct gain_priv *gp)
{
	if (!gp->pending)
		return;
	/* checked when it arrived; decoded again from the module's own copy */
	handle_blob(gp, gp->channels, gp->pending_param, gp->pending, gp->pending_size,
		    gp->sfmt == GAIN_S16);
	mod_free(mod, gp->pending);
	gp->pending = NULL;
	gp->pending_size = 0;
}

static int gain_init(struct processing_module *mod)
{
	struct ipc4_gain_cfg cfg;
	enum gain_sfmt sf;
	if (!mod->init_data ||
	    ipc4_gain_cfg_decode(mod->init_data, mod->init_size, &cfg) != IPC4_SUCCESS ||
	    sfmt_of(&cfg.base.fmt, &sf) || !cfg.base.fmt.sampling_frequency)
		return -EINVAL;
	struct gain_priv *gp = mod_zalloc(mod, sizeof(*gp));
	if (!gp)
		return -ENOMEM;
	mod->priv = gp;
	gp->sfmt = sf;
	gp->channels = cfg.base.fmt.channels_count;
	gp->rate = cfg.base.fmt.sampling_frequency;
	gp->frame_bytes = gp->channels * (sf == GAIN_S16 ? 2u : 4u);
	uint64_t period_us = fw_get_config(mod->fw)->period_us;
	uint32_t period = (uint32_t)((gp->rate * period_us + 999999u) / 1000000u);
	gp->chunk = period > cfg.base.ibs / gp->frame_bytes ? period
							    : cfg.base.ibs / gp->frame_bytes;
	gp->scratch = mod_alloc(mod, (size_t)gp->chunk * gp->frame_bytes);
	if (!gp->scratch)
		return -ENOMEM;
	bool all = cfg.ch[0].channel_id == IPC4_ALL_CHANNELS;
	for (uint32_t i = 0; i < gp->channels; i++)
		gain_ch_set(&gp->ch[i], cfg.ch[all ? 0 : i].target_volume, IPC4_CURVE_NONE, 0,
			    gp->rate);
	gp->start_ramp = cfg.ch[0];
	mod->in_fmt.rate = gp->rate;
	mod->in_fmt.channels = gp->channels;
	mod->in_fmt.sample_bytes = sf == GAIN_S16 ? 2u : 4u;
	mod->out_fmt = mod->in_fmt;
	mod->ibs = cfg.base.ibs ? cfg.base.ibs : period * gp->frame_bytes;
	mod->obs = cfg.base.obs ? cfg.base.obs : period * gp->frame_bytes;
	return 0;
}

/* Start of a stream: the init config's ramp, if any, fades in from silence. */
static int gain_prepare(struct processing_module *mod)
{
	struct gain_priv *gp = mod->priv;
	apply_pending(mod, gp);
	const struct ipc4_volume_cfg *r = &gp->start_ramp;
	uint32_t frames = gain_ramp_frames(r->curve_duration, gp->rate);
	if (r->curve_type == IPC4_CURVE_NONE || !frames)
		return 0;
	for (uint32_t i = 0; i < gp->channels; i++) {
		struct gain_ch *c = &gp->ch[i];
		c->cur = 0;
		gain_ch_set(c, c->target_volume, r->curve_type, frames, gp->rate);
	}
	return 0;
}

static int gain_process(struct processing_module *mod)
{
	struct gain_priv *gp = mod->priv;
	struct comp_buffer *in = mod->sources[0], *out = mod->sinks[0];
	apply_pending(mod, gp);
	if (!in || !out)
		return 0;
	for (;;) {
		size_t a = buffer_avail(in) / gp->frame_bytes;
		size_t f = buffer_free_space(out) / gp->frame_bytes;
		uint32_t n = (uint32_t)(a < f ? a : f);
		if (n > gp->chunk)
			n = gp->chunk;
		if (!n)
			return 0;
		size_t bytes = (size_t)n * gp->frame_bytes;
		buffer_read(in, gp->scratch, bytes);
		gain_apply(gp, gp->scratch, n);
		buffer_write(out, gp->scratch, bytes);
	}
}

/* Stop: ramps end on their targets; the next prepare starts afresh. */
static int gain_reset(struct processing_module *mod)
{
	struct gain_priv *gp = mod->priv;
	apply_pending(mod, gp);
	for (uint32_t i = 0; i < gp->channels; i++) {
		gp->ch[i].cur = gp->ch[i].target;
		gp->ch[i].ramping = false;
	}
	return 0;
}

static bool region_is_lifetime(struct processing_module *mod)
{
	struct vregion_stats st;
	struct vregion *vr = audio_ctx_region(mod->res.ctx);
	return vr && !vregion_stats(vr, &st) && st.mode == VREGION_MEM_TYPE_LIFETIME;
}

/*
 * LARGE_CONFIG_SET. The framework never runs this at the same time as
 * process (LL: the instance lock; DP: the thread is quiesced), so handing
 * over through gp->pending needs no lock.
 */
static int gain_set_config(struct processing_module *mod, uint32_t param_id,
			   const uint8_t *data, size_t size)
{
	struct gain_priv *gp = mod->priv;
	bool s16 = gp->sfmt == GAIN_S16;
	if (!data || handle_blob(NULL, gp->channels, param_id, data, size, s16))
		return -EINVAL;
	if (mod->state != COMP_STATE_ACTIVE || region_is_lifetime(mod)) {
		/* not running: takes effect now, no copy needed */
		apply_pending(mod, gp);
		return handle_blob(gp, gp->channels, param_id, data, size, s16);
	}
	uint8_t *copy = mod_alloc(mod, size);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, size);
	apply_pending(mod, gp); /* an older one first, in order */
	gp->pending = copy;
	gp->pending_size = size;
	gp->pending_param = param_id;
	return 0;
}

/* LARGE_CONFIG_GET param 0: one 24-byte entry per channel. */
static int gain_get_config(struct processing_module *mod, uint32_t param_id, uint8_t *data,
			   size_t *size)
{
	struct gain_priv *gp = mod->priv;
	if (param_id != IPC4_VOLUME_PARAM)
		return -EINVAL;
	if (*size < (size_t)gp->channels * IPC4_VOLUME_CFG_BYTES)
		return -ENOSPC;
	size_t off = 0;
	for (uint32_t i = 0; i < gp->channels; i++) {
		struct ipc4_volume_cfg v = {
			.channel_id = i,
			.target_volume = gp->ch[i].target_volume,
			.curve_type = gp->ch[i].curve,
			.curve_duration = (uint64_t)gp->ch[i].len * 10000000u / gp->rate,
		};
		int n = ipc4_volume_cfg_encode(&v, data + off, *size - off);
		if (n < 0)
			return n;
		off += (size_t)n;
	}
	*size = off;
	return 0;
}

static const struct module_ops gain_ops = {
	.init = gain_init,
	.prepare = gain_prepare,
	.process = gain_process,
	.reset = gain_reset,
	.set_configuration = gain_set_config,
	.get_configuration = gain_get_config,
};

const struct module_type gain_module_type = { IPC4_MODULE_GAIN, "gain", &gain_ops };

int gain_get_info(struct processing_module *mod, struct gain_info *info)
{
	if (!mod || !info || mod->type != &gain_module_type || !mod->priv)
		return -EINVAL;
	struct gain_priv *gp = mod->priv;
	memset(info, 0, sizeof(*info));
	info->channels = gp->channels;
	for (uint32_t i = 0; i < gp->channels; i++) {
		const struct gain_ch *c = &gp->ch[i];
		info->ch[i] = (struct gain_channel_info){
			.target_volume = c->target_volume, .current = c->cur,
			.target = c->target, .curve_type = c->curve, .ramp_frames = c->len,
			.ramp_pos = c->pos, .ramping = c->ramping, .muted = c->muted,
		};
	}
	info->configs_applied = gp->configs_applied;
	info->config_pending = gp->pending != NULL;
	info->frames = gp->frames;
	info->attenuation = gp->shift;
	return 0;
}
