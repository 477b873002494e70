/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <vregion/alloc_ctx.h>
#include <vregion/ipc4/types.h>
#include <vregion/audio/sched.h>
#include <vregion/sysheap.h>

#include "modules_harness.h"

struct mh_baseline mh_baseline_take(void)
{
	struct mh_baseline b;
	struct vheap_stats st;
	assert_int_equal(sys_heap_stats(&st), 0);
	b.regions = vregion_live_count();
	b.ctxs = sof_ctx_live_count();
	b.sys_blocks = st.live_blocks;
	b.sys_invalid_frees = st.invalid_frees;
	b.sys_corruptions = st.corruptions;
	return b;
}

void mh_baseline_check(const struct mh_baseline *b)
{
	struct mh_baseline now = mh_baseline_take();
	assert_int_equal(now.regions, b->regions);
	assert_int_equal(now.ctxs, b->ctxs);
	assert_int_equal(now.sys_blocks, b->sys_blocks);
	assert_int_equal(now.sys_invalid_frees, b->sys_invalid_frees);
	assert_int_equal(now.sys_corruptions, b->sys_corruptions);
}

struct ipc4_audio_fmt mh_fmt(uint32_t rate, uint32_t channels, enum copier_sample_fmt f)
{
	struct ipc4_audio_fmt a;
	memset(&a, 0, sizeof(a));
	a.sampling_frequency = rate;
	a.channels_count = channels;
	a.s_type = f == COPIER_FLOAT ? IPC4_SAMPLE_FLOAT : IPC4_SAMPLE_LSB_INTEGER;
	switch (f) {
	case COPIER_S16: a.depth = 16; a.valid_bit_depth = 16; break;
	case COPIER_S24_3LE: a.depth = 24; a.valid_bit_depth = 24; break;
	case COPIER_S24_4LE: a.depth = 32; a.valid_bit_depth = 24; break;
	case COPIER_S32:
	case COPIER_FLOAT: a.depth = 32; a.valid_bit_depth = 32; break;
	}
	a.ch_cfg = channels == 1 ? 0 : 1;
	a.ch_map = 0xFFFFFFFFu;
	for (uint32_t c = 0; c < channels; c++)
		a.ch_map = (a.ch_map & ~(0xFu << (4 * c))) | (c << (4 * c));
	return a;
}

uint32_t mh_period_bytes(const struct ipc4_audio_fmt *f)
{
	uint32_t frames = (f->sampling_frequency + 999u) / 1000u;
	return frames * f->channels_count * (f->depth / 8u);
}

static void base(struct ipc4_base_cfg *b, const struct ipc4_audio_fmt *in,
		 const struct ipc4_audio_fmt *out)
{
	memset(b, 0, sizeof(*b));
	b->fmt = *in;
	b->ibs = mh_period_bytes(in);
	b->obs = mh_period_bytes(out);
}

size_t mh_copier_cfg(uint8_t *out, size_t cap, const struct ipc4_audio_fmt *in,
		     const struct ipc4_audio_fmt *outf)
{
	static const uint8_t blob[4];
	struct ipc4_copier_cfg c;
	memset(&c, 0, sizeof(c));
	base(&c.base, in, outf);
	c.out_fmt = *outf;
	c.node_id = IPC4_INVALID_NODE_ID;
	c.config_data = blob;
	c.config_data_len = sizeof(blob);
	int n = ipc4_copier_cfg_encode(&c, out, cap);
	assert_true(n > 0);
	return (size_t)n;
}

size_t mh_gain_cfg(uint8_t *out, size_t cap, const struct ipc4_audio_fmt *f,
		   const struct ipc4_volume_cfg *entries, uint32_t count)
{
	struct ipc4_gain_cfg g;
	memset(&g, 0, sizeof(g));
	base(&g.base, f, f);
	g.count = count;
	memcpy(g.ch, entries, count * sizeof(*entries));
	int n = ipc4_gain_cfg_encode(&g, out, cap);
	assert_true(n > 0);
	return (size_t)n;
}

size_t mh_src_cfg(uint8_t *out, size_t cap, const struct ipc4_audio_fmt *in, uint32_t sink_rate)
{
	struct ipc4_src_cfg c;
	struct ipc4_audio_fmt o = *in;
	o.sampling_frequency = sink_rate;
	memset(&c, 0, sizeof(c));
	base(&c.base, in, &o);
	c.sink_rate = sink_rate;
	int n = ipc4_src_cfg_encode(&c, out, cap);
	assert_true(n > 0);
	return (size_t)n;
}

struct fw_module_params mh_params(uint32_t module_id, uint32_t instance, uint32_t pipeline,
				  enum module_domain domain, const uint8_t *cfg, size_t len)
{
	struct fw_module_params p;
	memset(&p, 0, sizeof(p));
	p.module_id = module_id;
	p.instance_id = instance;
	p.pipeline_id = pipeline;
	p.domain = domain;
	p.init_data = cfg;
	p.init_size = len;
	return p;
}

long mh_source_read(void *arg, void *buf, uint32_t frames)
{
	struct mh_source *s = arg;
	size_t n = s->frames - s->pos;
	if (n > frames)
		n = frames;
	if (frames > s->max_read)
		s->max_read = frames;
	memcpy(buf, s->data + s->pos * s->frame_bytes, n * s->frame_bytes);
	s->pos += n;
	return (long)n;
}

int mh_sink_write(void *arg, const void *buf, uint32_t frames)
{
	struct mh_sink *s = arg;
	size_t n = s->cap_frames - s->frames;
	if (n > frames)
		n = frames;
	memcpy(s->data + s->frames * s->frame_bytes, buf, n * s->frame_bytes);
	s->frames += n;
	s->dropped += frames - n;
	return 0;
}

struct fw_instance *mh_fw_new(void)
{
	struct fw_instance *fw = fw_new(NULL);
	assert_non_null(fw);
	assert_int_equal(modules_register_all(fw), 0);
	return fw;
}

static struct processing_module *new_module(struct fw_instance *fw,
					    const struct fw_module_params *p)
{
	struct processing_module *m = NULL;
	assert_int_equal(fw_module_new(fw, p, &m), 0);
	assert_non_null(m);
	return m;
}

void mh_build(struct fw_instance *fw, uint32_t ppl, size_t heap_bytes,
	      const struct ipc4_audio_fmt *stream_in, const struct ipc4_audio_fmt *pipe_in,
	      const struct ipc4_audio_fmt *pipe_out, const struct ipc4_audio_fmt *stream_out,
	      const struct fw_module_params *mid, size_t nmid, struct mh_source *src,
	      struct mh_sink *dst)
{
	uint8_t cfg[128];
	assert_int_equal(fw_pipeline_new(fw, ppl, 0, heap_bytes), 0);
	size_t n = mh_copier_cfg(cfg, sizeof(cfg), stream_in, pipe_in);
	struct fw_module_params p = mh_params(1, 2 * ppl, ppl, MODULE_DOMAIN_LL, cfg, n);
	struct processing_module *host = new_module(fw, &p);
	uint32_t prev_id = 1, prev_inst = 2 * ppl;
	for (size_t i = 0; i < nmid; i++) {
		struct fw_module_params q = mid[i];
		q.pipeline_id = ppl;
		new_module(fw, &q);
		assert_int_equal(fw_bind(fw, prev_id, prev_inst, 0, q.module_id, q.instance_id, 0), 0);
		prev_id = q.module_id;
		prev_inst = q.instance_id;
	}
	n = mh_copier_cfg(cfg, sizeof(cfg), pipe_out, stream_out);
	p = mh_params(1, 2 * ppl + 1, ppl, MODULE_DOMAIN_LL, cfg, n);
	struct processing_module *dai = new_module(fw, &p);
	assert_int_equal(fw_bind(fw, prev_id, prev_inst, 0, 1, 2 * ppl + 1, 0), 0);
	struct copier_endpoint in = { mh_source_read, NULL, src };
	struct copier_endpoint out = { NULL, mh_sink_write, dst };
	assert_int_equal(copier_set_endpoint(host, &in), 0);
	assert_int_equal(copier_set_endpoint(dai, &out), 0);
	assert_int_equal(fw_pipeline_set_state(fw, ppl, FW_PPL_STATE_PAUSED), 0);
}

struct vregion_stats mh_ppl_stats(struct fw_instance *fw, uint32_t ppl)
{
	struct vregion_stats st;
	struct pipeline *p = fw_pipeline_find(fw, ppl);
	assert_non_null(p);
	assert_int_equal(vregion_stats(pipeline_region(p), &st), 0);
	return st;
}

struct vregion_stats mh_mod_stats(struct fw_instance *fw, uint32_t id, uint32_t inst)
{
	struct vregion_stats st;
	struct processing_module *m = fw_module_find(fw, id, inst);
	assert_non_null(m);
	assert_int_equal(vregion_stats(audio_ctx_region(m->res.ctx), &st), 0);
	return st;
}

uint32_t mh_rand(uint32_t *state)
{
	uint32_t x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

#define MH_MAX_DP 16

struct dp_list {
	struct processing_module *m[MH_MAX_DP];
	unsigned int n;
};

/* Collect only: fw_foreach_module() holds the instance lock while it calls us. */
static bool collect_dp(struct processing_module *m, void *arg)
{
	struct dp_list *l = arg;
	if (m->domain == MODULE_DOMAIN_DP && l->n < MH_MAX_DP)
		l->m[l->n++] = m;
	return false;
}

bool mh_dp_pending(struct fw_instance *fw)
{
	struct dp_list l = { .n = 0 };
	fw_foreach_module(fw, collect_dp, &l);
	for (unsigned int i = 0; i < l.n; i++) {
		struct dp_task_info info;
		if (dp_task_info(l.m[i], &info) == 0 && info.running &&
		    (info.busy || (info.ready && info.pending)))
			return true;
	}
	return false;
}
