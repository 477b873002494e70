/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * All three modules driven through the IPC4 front end, as the host would:
 * CREATE_PIPELINE (MEM_DATA), INIT_INSTANCE host copier (S16 stream) ->
 * gain (0 dB) -> SRC 44.1 -> 48 kHz (DP, DP_DATA) -> DAI copier (S24_4LE
 * stream), BIND, RUNNING; the output against a reference built here from
 * the engine alone; then LARGE_CONFIG_SET on the gain with the payload of
 * ipc4-subset.md 11.5 (-6 dB, Windows fade, 20 ms) and LARGE_CONFIG_GET;
 * stop, reset, restart, and teardown by DELETE_PIPELINE.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <vregion/ipc4/handler.h>
#include <vregion/ipc4/status.h>
#include <vregion/ipc4/types.h>

#include "src_module_ref.h"

#define FS_IN 44100u
#define FS_OUT 48000u
#define CH 2u
#define PPL 1u

static uint32_t send(struct ipc4_fw *h, const struct ipc4_request *r)
{
	static struct ipc4_frame f;
	struct ipc4_reply rep;
	assert_int_equal(ipc4_encode(r, &f), 0);
	struct ipc4_msg m = { f.primary, f.extension, f.payload, f.len };
	return ipc4_handle(h, &m, &rep);
}

static void set_state(struct ipc4_fw *h, uint32_t state)
{
	struct ipc4_request r;
	memset(&r, 0, sizeof(r));
	r.kind = IPC4_KIND_SET_PIPELINE_STATE;
	r.u.set_pipeline_state.ppl_state = state;
	r.u.set_pipeline_state.ppl_id = PPL;
	assert_int_equal(send(h, &r), IPC4_SUCCESS);
}

static void init_instance(struct ipc4_fw *h, uint32_t id, uint32_t inst, bool dp,
			  const uint8_t *cfg, size_t len)
{
	struct ipc4_request r;
	memset(&r, 0, sizeof(r));
	r.kind = IPC4_KIND_INIT_INSTANCE;
	struct ipc4_init_instance *ii = &r.u.init_instance;
	ii->module_id = id;
	ii->instance_id = inst;
	ii->ppl_instance_id = PPL;
	ii->proc_domain = dp ? IPC4_DOMAIN_DP : IPC4_DOMAIN_LL;
	if (dp) {
		ii->extended_init = 1;
		ii->data_obj_array = 1;
		ii->has_dp_data = true;
		ii->dp_data.heap_bytes = 0; /* the 20480-byte default */
	}
	ii->config = cfg;
	ii->config_len = (uint32_t)len;
	assert_int_equal(send(h, &r), IPC4_SUCCESS);
}

static void bind(struct ipc4_fw *h, uint32_t sid, uint32_t sinst, uint32_t did, uint32_t dinst)
{
	struct ipc4_request r;
	memset(&r, 0, sizeof(r));
	r.kind = IPC4_KIND_BIND;
	r.u.bind = (struct ipc4_bind){ sid, sinst, did, dinst, 0, 0 };
	assert_int_equal(send(h, &r), IPC4_SUCCESS);
}

/* The reference: S16 -> Q1.31 (exact), 0 dB (exact), engine, Q1.31 -> S24 (nearest, ties up). */
static int32_t *reference(const int16_t *in, size_t frames, size_t *out_frames)
{
	int32_t *q = malloc(frames * CH * sizeof(int32_t));
	for (size_t i = 0; i < frames * CH; i++)
		q[i] = (int32_t)in[i] * 65536;
	int32_t *o = src_ref_convert(FS_IN, FS_OUT, CH, q, frames, out_frames);
	for (size_t i = 0; i < *out_frames * CH; i++) {
		int64_t v = ((int64_t)o[i] + 128) >> 8;
		o[i] = (int32_t)(v > 8388607 ? 8388607 : v);
	}
	free(q);
	return o;
}

static void test_chain_through_ipc4(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	static struct ipc4_fw h;
	assert_int_equal(ipc4_fw_init(&h, fw), 0);

	struct ipc4_request r;
	memset(&r, 0, sizeof(r));
	r.kind = IPC4_KIND_CREATE_PIPELINE;
	r.u.create_pipeline.instance_id = PPL;
	r.u.create_pipeline.payload = 1;
	r.u.create_pipeline.data_obj_array = 1;
	r.u.create_pipeline.has_mem_data = true;
	r.u.create_pipeline.mem_data.heap_bytes = 65536;
	assert_int_equal(send(&h, &r), IPC4_SUCCESS);

	struct ipc4_audio_fmt s16 = mh_fmt(FS_IN, CH, COPIER_S16);
	struct ipc4_audio_fmt p_in = mh_fmt(FS_IN, CH, COPIER_S32);
	struct ipc4_audio_fmt p_out = mh_fmt(FS_OUT, CH, COPIER_S32);
	struct ipc4_audio_fmt s24 = mh_fmt(FS_OUT, CH, COPIER_S24_4LE);
	uint8_t cfg[256];
	size_t n = mh_copier_cfg(cfg, sizeof(cfg), &s16, &p_in);
	init_instance(&h, 1, 0, false, cfg, n);
	struct ipc4_volume_cfg unity = { IPC4_ALL_CHANNELS, IPC4_VOLUME_MAX, 0, 0 };
	n = mh_gain_cfg(cfg, sizeof(cfg), &p_in, &unity, 1);
	init_instance(&h, 2, 0, false, cfg, n);
	n = mh_src_cfg(cfg, sizeof(cfg), &p_in, FS_OUT);
	init_instance(&h, 3, 0, true, cfg, n);
	n = mh_copier_cfg(cfg, sizeof(cfg), &p_out, &s24);
	init_instance(&h, 1, 1, false, cfg, n);
	bind(&h, 1, 0, 2, 0);
	bind(&h, 2, 0, 3, 0);
	bind(&h, 3, 0, 1, 1);

	/* the endpoints: the host's stream in, the DAI's stream out */
	const size_t frames = FS_IN / 5;
	int16_t *in = malloc(frames * CH * sizeof(int16_t));
	int32_t *q = malloc(frames * CH * sizeof(int32_t));
	src_ref_signal(q, frames, CH, FS_IN);
	for (size_t i = 0; i < frames * CH; i++)
		in[i] = (int16_t)(q[i] >> 16);
	free(q);
	size_t cap = frames * FS_OUT / FS_IN + 4096;
	int32_t *out = calloc(cap, CH * sizeof(int32_t));
	struct mh_source src = { (const uint8_t *)in, frames, 0, CH * 2u, 0 };
	struct mh_sink dst = { (uint8_t *)out, cap, 0, CH * 4u, 0 };
	struct copier_endpoint ein = { mh_source_read, NULL, &src }, eout = { NULL, mh_sink_write, &dst };
	assert_int_equal(copier_set_endpoint(fw_module_find(fw, 1, 0), &ein), 0);
	assert_int_equal(copier_set_endpoint(fw_module_find(fw, 1, 1), &eout), 0);

	size_t nref;
	int32_t *ref = reference(in, frames, &nref);
	for (int cycle = 0; cycle < 2; cycle++) {
		src.pos = 0;
		dst.frames = 0;
		assert_int_equal(copier_set_endpoint(fw_module_find(fw, 1, 0), &ein), 0);
		set_state(&h, IPC4_PPL_PAUSED);
		set_state(&h, IPC4_PPL_RUNNING);
		for (int quiet = 0, i = 0; quiet < 20 && i < 20000; i++) {
			size_t before = dst.frames;
			assert_int_equal(fw_ll_run(fw, 5, i > 220), 0);
			quiet = dst.frames == before && i > 220 && !mh_dp_pending(fw) ? quiet + 1 : 0;
		}
		assert_true(dst.frames + 1024 >= frames * FS_OUT / FS_IN);
		assert_true(dst.frames <= nref);
		assert_memory_equal(out, ref, dst.frames * CH * sizeof(int32_t));
		set_state(&h, IPC4_PPL_PAUSED);
		set_state(&h, IPC4_PPL_RESET);
	}

	/* ipc4-subset.md 11.5, sent to our gain (module 2, instance 0) */
	static const uint8_t fade[24] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x40, 0x0d, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	struct ipc4_msg lcs = { 0x44000002u, 0x30000018u, fade, sizeof(fade) };
	struct ipc4_reply rep;
	src.pos = 0;
	assert_int_equal(copier_set_endpoint(fw_module_find(fw, 1, 0), &ein), 0);
	set_state(&h, IPC4_PPL_PAUSED);
	set_state(&h, IPC4_PPL_RUNNING);
	assert_int_equal(fw_ll_run(fw, 10, false), 0);
	assert_int_equal(ipc4_handle(&h, &lcs, &rep), IPC4_SUCCESS);
	struct processing_module *gain = fw_module_find(fw, 2, 0);
	struct gain_info gi;
	assert_int_equal(gain_get_info(gain, &gi), 0);
	assert_int_equal(gi.config_pending, 1);
	assert_int_equal(fw_ll_run(fw, 1, false), 0);
	assert_int_equal(gain_get_info(gain, &gi), 0);
	assert_int_equal(gi.config_pending, 0);
	assert_int_equal(gi.ch[0].ramping, 1);
	assert_int_equal(gi.ch[0].curve_type, IPC4_CURVE_WINDOWS_FADE);
	assert_int_equal(gi.ch[0].ramp_frames, FS_IN / 50); /* 20 ms */
	/* real time, so the DP SRC drains the gain; 20 ms of ramp within at most 1 s */
	for (int i = 0; i < 200 && (gi.ch[0].ramping || gi.ch[1].ramping); i++) {
		assert_int_equal(fw_ll_run(fw, 5, true), 0);
		assert_int_equal(gain_get_info(gain, &gi), 0);
	}
	assert_int_equal(gi.ch[1].ramping, 0);
	assert_int_equal(gi.ch[1].current, 0x40000000);
	/* LARGE_CONFIG_GET param 0: one entry per channel */
	memset(&r, 0, sizeof(r));
	r.kind = IPC4_KIND_LARGE_CONFIG_GET;
	r.u.large_config = (struct ipc4_large_config){ 2, 0, 4096, 0, 0, 1, NULL, 0 };
	static struct ipc4_frame f;
	assert_int_equal(ipc4_encode(&r, &f), 0);
	struct ipc4_msg lcg = { f.primary, f.extension, NULL, 0 };
	assert_int_equal(ipc4_handle(&h, &lcg, &rep), IPC4_SUCCESS);
	assert_int_equal(rep.frame.len, CH * 24u);
	struct ipc4_volume_cfg v;
	assert_int_equal(ipc4_volume_cfg_decode(rep.frame.payload + 24, 24, &v), IPC4_SUCCESS);
	assert_int_equal(v.channel_id, 1);
	assert_int_equal(v.target_volume, 0x40000000u);

	set_state(&h, IPC4_PPL_PAUSED);
	set_state(&h, IPC4_PPL_RESET);
	memset(&r, 0, sizeof(r));
	r.kind = IPC4_KIND_DELETE_PIPELINE;
	r.u.delete_pipeline.instance_id = PPL;
	assert_int_equal(send(&h, &r), IPC4_SUCCESS);
	struct fw_counts cnt;
	assert_int_equal(fw_get_counts(fw, &cnt), 0);
	assert_int_equal(cnt.pipelines + cnt.modules + cnt.buffers, 0);
	assert_int_equal(fw_delete(fw), 0);
	free(in);
	free(out);
	free(ref);
	mh_baseline_check(&base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain_through_ipc4),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
