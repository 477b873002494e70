/* SPDX-License-Identifier: BSD-3-Clause */
/* The copier module: format conversion between a buffer or endpoint and another. */
#include <errno.h>
#include <string.h>

#include <vregion/audio/buffer.h>
#include <vregion/audio/fw.h>
#include <vregion/ipc4/status.h>
#include <vregion/modules/copier.h>

struct copier_priv {
	enum copier_sample_fmt in_sf, out_sf;
	uint32_t channels;
	uint32_t rate;
	uint32_t in_fb, out_fb;      /* bytes per frame, input and output */
	uint32_t chunk;              /* frames per conversion step */
	uint8_t *raw;                /* chunk frames in the wider of the two formats */
	int32_t *q31;                /* chunk frames in Q1.31 */
	struct copier_endpoint ep;
	uint64_t pace_period;        /* periods paced so far (endpoint reads) */
	uint32_t due;                /* endpoint frames owed to the pipeline */
	uint64_t period_us;
	struct copier_stats st;
};

static uint32_t max_u32(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* Frames of period @p n at @p rate: the exact share, so no drift over time. */
static uint32_t period_frames(uint64_t n, uint32_t rate, uint64_t period_us)
{
	uint64_t a = n * rate * period_us / 1000000u;
	uint64_t b = (n + 1) * rate * period_us / 1000000u;
	return (uint32_t)(b - a);
}

static void set_fmt(struct audio_fmt *dst, const struct ipc4_audio_fmt *f,
		    enum copier_sample_fmt sf)
{
	dst->rate = f->sampling_frequency;
	dst->channels = f->channels_count;
	dst->sample_bytes = (uint32_t)copier_sample_bytes(sf);
}

static int copier_check(const struct ipc4_copier_cfg *c, struct copier_priv *cp)
{
	if (copier_fmt_from_ipc4(&c->base.fmt, &cp->in_sf) ||
	    copier_fmt_from_ipc4(&c->out_fmt, &cp->out_sf))
		return -EINVAL;
	/* A copier converts samples only: no resampling, no channel mixing. */
	if (c->base.fmt.channels_count != c->out_fmt.channels_count ||
	    c->base.fmt.sampling_frequency != c->out_fmt.sampling_frequency ||
	    c->base.fmt.sampling_frequency == 0)
		return -EINVAL;
	return 0;
}

static int copier_init(struct processing_module *mod)
{
	struct ipc4_copier_cfg cfg;
	if (!mod->init_data ||
	    ipc4_copier_cfg_decode(mod->init_data, mod->init_size, &cfg) != IPC4_SUCCESS)
		return -EINVAL;
	struct copier_priv tmp;
	memset(&tmp, 0, sizeof(tmp));
	if (copier_check(&cfg, &tmp))
		return -EINVAL;
	struct copier_priv *cp = mod_zalloc(mod, sizeof(*cp));
	if (!cp)
		return -ENOMEM;
	*cp = tmp;
	mod->priv = cp;
	cp->channels = cfg.base.fmt.channels_count;
	cp->rate = cfg.base.fmt.sampling_frequency;
	cp->in_fb = cp->channels * (uint32_t)copier_sample_bytes(cp->in_sf);
	cp->out_fb = cp->channels * (uint32_t)copier_sample_bytes(cp->out_sf);
	cp->period_us = fw_get_config(mod->fw)->period_us;
	/* One step holds a whole period, whichever way it is measured. */
	uint32_t period = (uint32_t)((cp->rate * cp->period_us + 999999u) / 1000000u);
	cp->chunk = max_u32(period, max_u32(cfg.base.ibs / cp->in_fb, cfg.base.obs / cp->out_fb));
	cp->raw = mod_alloc(mod, (size_t)cp->chunk * max_u32(cp->in_fb, cp->out_fb));
	cp->q31 = mod_alloc(mod, (size_t)cp->chunk * cp->channels * sizeof(int32_t));
	if (!cp->raw || !cp->q31)
		return -ENOMEM; /* the framework releases what was taken */
	set_fmt(&mod->in_fmt, &cfg.base.fmt, cp->in_sf);
	set_fmt(&mod->out_fmt, &cfg.out_fmt, cp->out_sf);
	mod->ibs = cfg.base.ibs ? cfg.base.ibs : period * cp->in_fb;
	mod->obs = cfg.base.obs ? cfg.base.obs : period * cp->out_fb;
	cp->st.in_fmt = cp->in_sf;
	cp->st.out_fmt = cp->out_sf;
	cp->st.chunk_frames = cp->chunk;
	return 0;
}

/* Frames the input side can give now (endpoint: this period's share). */
static uint32_t input_frames(struct processing_module *mod, struct copier_priv *cp)
{
	if (mod->sources[0])
		return (uint32_t)(buffer_avail(mod->sources[0]) / cp->in_fb);
	if (!cp->ep.read || cp->st.eos)
		return 0;
	return cp->due;
}

/* Frames the output side can take now. */
static uint32_t output_room(struct processing_module *mod, struct copier_priv *cp)
{
	if (mod->sinks[0])
		return (uint32_t)(buffer_free_space(mod->sinks[0]) / cp->out_fb);
	return UINT32_MAX; /* an endpoint, or nowhere: the data is delivered or dropped */
}

/* Take up to @p n frames into cp->raw; returns the frames taken or a negative errno. */
static long take(struct processing_module *mod, struct copier_priv *cp, uint32_t n)
{
	if (mod->sources[0])
		return (long)(buffer_read(mod->sources[0], cp->raw, (size_t)n * cp->in_fb) /
			      cp->in_fb);
	long got = cp->ep.read(cp->ep.arg, cp->raw, n);
	if (got < 0) {
		cp->st.endpoint_errors++;
		return got;
	}
	if (got == 0)
		cp->st.eos = 1;
	if ((unsigned long)got > n)
		got = (long)n; /* a callback claiming more than asked is not believed */
	cp->due -= (uint32_t)got;
	return got;
}

static int deliver(struct processing_module *mod, struct copier_priv *cp, uint32_t n)
{
	size_t bytes = (size_t)n * cp->out_fb;
	if (mod->sinks[0])
		return buffer_write(mod->sinks[0], cp->raw, bytes) == bytes ? 0 : -ENOSPC;
	if (cp->ep.write && cp->ep.write(cp->ep.arg, cp->raw, n) < 0) {
		cp->st.endpoint_errors++;
		return -EIO;
	}
	return 0;
}

static void convert(struct copier_priv *cp, uint32_t n)
{
	if (cp->in_sf == cp->out_sf)
		return; /* bit for bit */
	size_t samples = (size_t)n * cp->channels;
	copier_to_q31(cp->in_sf, cp->raw, cp->q31, samples);
	copier_from_q31(cp->out_sf, cp->q31, cp->raw, samples);
}

static int copier_process(struct processing_module *mod)
{
	struct copier_priv *cp = mod->priv;
	int ret = 0;
	if (!mod->sources[0] && cp->ep.read && !cp->st.eos) {
		/* An endpoint is paced by the clock; debt is capped at one chunk. */
		cp->due += period_frames(cp->pace_period++, cp->rate, cp->period_us);
		cp->due = min_u32(cp->due, cp->chunk);
	}
	/* Bounded: each step moves a whole chunk or ends the loop. */
	for (;;) {
		uint32_t n = min_u32(cp->chunk, min_u32(input_frames(mod, cp), output_room(mod, cp)));
		if (!n)
			break;
		long r = take(mod, cp, n);
		if (r <= 0)
			return r < 0 ? (int)r : 0;
		uint32_t got = (uint32_t)r;
		convert(cp, got);
		cp->st.frames_in += got;
		ret = deliver(mod, cp, got);
		if (ret)
			break;
		cp->st.frames_out += got;
		if (got < n || !mod->sources[0])
			break; /* an endpoint gives one period per period */
	}
	return ret;
}

static int copier_reset(struct processing_module *mod)
{
	struct copier_priv *cp = mod->priv;
	cp->due = 0;
	cp->pace_period = 0;
	return 0;
}

static const struct module_ops copier_ops = {
	.init = copier_init,
	.process = copier_process,
	.reset = copier_reset,
};

const struct module_type copier_module_type = { IPC4_MODULE_COPIER, "copier", &copier_ops };

int copier_set_endpoint(struct processing_module *mod, const struct copier_endpoint *ep)
{
	if (!mod || mod->type != &copier_module_type || !mod->priv)
		return -EINVAL;
	struct copier_priv *cp = mod->priv;
	if (ep)
		cp->ep = *ep;
	else
		memset(&cp->ep, 0, sizeof(cp->ep));
	cp->st.eos = 0;
	return 0;
}

int copier_get_stats(struct processing_module *mod, struct copier_stats *st)
{
	if (!mod || !st || mod->type != &copier_module_type || !mod->priv)
		return -EINVAL;
	*st = ((struct copier_priv *)mod->priv)->st;
	return 0;
}
