/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/modules/src_engine.h>

#include "src_module_ref.h"

int32_t *src_ref_convert(uint32_t fs_in, uint32_t fs_out, uint32_t channels, const int32_t *in,
			 size_t frames, size_t *out_frames)
{
	struct vr_src_plan plan;
	assert_int_equal(vr_src_plan(&plan, fs_in, fs_out, channels), 0);
	void *state = aligned_alloc(8, (plan.state_bytes + 7) & ~(size_t)7);
	int32_t *delay = plan.delay_bytes ? malloc(plan.delay_bytes) : NULL;
	struct vr_src *s = vr_src_init(state, plan.state_bytes, delay, plan.delay_bytes, NULL, &plan);
	assert_non_null(s);
	size_t cap = (size_t)((uint64_t)frames * fs_out / fs_in) + 64;
	int32_t *out = malloc(cap * channels * sizeof(int32_t));
	uint32_t used = 0, made = 0;
	size_t done_in = 0, done_out = 0;
	/* feed until no progress: the engine may take the input in several calls */
	for (;;) {
		assert_int_equal(vr_src_process(s, in + done_in * channels,
						(uint32_t)(frames - done_in),
						out + done_out * channels,
						(uint32_t)(cap - done_out), &used, &made), 0);
		done_in += used;
		done_out += made;
		if (!used && !made)
			break;
	}
	free(state);
	free(delay);
	*out_frames = done_out;
	return out;
}

void src_ref_signal(int32_t *out, size_t frames, uint32_t channels, uint32_t rate)
{
	static const double f[] = { 997.0, 3001.0, 443.0, 6007.0, 150.0, 1499.0, 9001.0, 60.0 };
	for (size_t i = 0; i < frames; i++) {
		double t = (double)i / rate;
		for (uint32_t c = 0; c < channels; c++) {
			double v = 0.25 * sin(2 * 3.141592653589793 * f[c] * t) +
				   0.25 * sin(2 * 3.141592653589793 * f[(c + 3) % 8] * 0.37 * t);
			out[i * channels + c] = (int32_t)lrint(v * 2147483647.0);
		}
	}
}

void src_rig_build(struct src_rig *r, struct fw_instance *fw, uint32_t ppl, size_t heap,
		   uint32_t fs_in, uint32_t fs_out, uint32_t ch, enum module_domain domain,
		   size_t dp_heap, size_t frames)
{
	memset(r, 0, sizeof(*r));
	r->fw = fw;
	r->ppl = ppl;
	r->fs_in = fs_in;
	r->fs_out = fs_out;
	r->ch = ch;
	r->frames = frames;
	r->cap = (size_t)((uint64_t)frames * fs_out / fs_in) + 4096;
	r->in = malloc(frames * ch * sizeof(int32_t));
	r->out = calloc(r->cap, ch * sizeof(int32_t));
	src_ref_signal(r->in, frames, ch, fs_in);
	r->src = (struct mh_source){ (const uint8_t *)r->in, frames, 0, ch * 4u, 0 };
	r->dst = (struct mh_sink){ (uint8_t *)r->out, r->cap, 0, ch * 4u, 0 };
	struct ipc4_audio_fmt fi = mh_fmt(fs_in, ch, COPIER_S32), fo = mh_fmt(fs_out, ch, COPIER_S32);
	static uint8_t cfg[64];
	size_t n = mh_src_cfg(cfg, sizeof(cfg), &fi, fs_out);
	struct fw_module_params p = mh_params(3, ppl, ppl, domain, cfg, n);
	p.heap_bytes = dp_heap;
	mh_build(fw, ppl, heap, &fi, &fi, &fo, &fo, &p, 1, &r->src, &r->dst);
}

void src_rig_rewind(struct src_rig *r)
{
	r->src.pos = 0;
	r->dst.frames = 0;
	struct copier_endpoint ep = { mh_source_read, NULL, &r->src };
	assert_int_equal(copier_set_endpoint(fw_module_find(r->fw, 1, 2 * r->ppl), &ep), 0);
	memset(r->out, 0, r->cap * r->ch * sizeof(int32_t));
}

struct processing_module *src_rig_module(struct src_rig *r)
{
	struct processing_module *m = fw_module_find(r->fw, 3, r->ppl);
	assert_non_null(m);
	return m;
}

void src_rig_free(struct src_rig *r)
{
	free(r->in);
	free(r->out);
}

size_t src_rig_check(struct src_rig *r)
{
	size_t nref;
	int32_t *ref = src_ref_convert(r->fs_in, r->fs_out, r->ch, r->in, r->frames, &nref);
	size_t n = r->dst.frames;
	assert_true(n <= nref);
	for (size_t i = 0; i < n * r->ch; i++)
		if (r->out[i] != ref[i])
			fail_msg("%u->%u x%u: sample %zu is %d, reference %d", r->fs_in, r->fs_out,
				 r->ch, i, r->out[i], ref[i]);
	free(ref);
	return n;
}
