/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Gain through the framework: 0 dB bit-exact, fixed gains against the
 * reference product, ramps (every curve: monotonic, ends on the target),
 * runtime LARGE_CONFIG_SET as an interim allocation freed once applied,
 * stop/reset/start memory, leak baselines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/ipc4/types.h>

#include "modules_harness.h"

#define RATE 48000u
#define GAIN_INST 0u

/* Reference: round-to-nearest Q1.31 product, with 0x7FFFFFFF meaning exactly 1. */
static int32_t ref_gain(int32_t x, uint32_t vol)
{
	int64_t g = vol == 0x7FFFFFFFu ? ((int64_t)1 << 31) : vol;
	return (int32_t)(((int64_t)x * g + ((int64_t)1 << 30)) >> 31);
}

struct gain_rig {
	struct fw_instance *fw;
	struct processing_module *gain;
	uint8_t cfg[512];
	int32_t *in, *out;
	size_t frames;
	struct mh_source src;
	struct mh_sink dst;
};

/* host copier (S32) -> gain -> DAI copier (S32), @p ch channels. */
static void rig_build(struct gain_rig *r, enum copier_sample_fmt sf, uint32_t ch,
		      const struct ipc4_volume_cfg *v, uint32_t nv, size_t frames)
{
	memset(r, 0, sizeof(*r));
	r->fw = mh_fw_new();
	struct ipc4_audio_fmt f = mh_fmt(RATE, ch, sf);
	size_t fb = ch * copier_sample_bytes(sf);
	size_t n = mh_gain_cfg(r->cfg, sizeof(r->cfg), &f, v, nv);
	struct fw_module_params p = mh_params(2, GAIN_INST, 1, MODULE_DOMAIN_LL, r->cfg, n);
	r->frames = frames;
	r->in = calloc(frames, fb);
	r->out = calloc(frames + 4096, fb);
	r->src = (struct mh_source){ (const uint8_t *)r->in, frames, 0, fb, 0 };
	r->dst = (struct mh_sink){ (uint8_t *)r->out, frames + 4096, 0, fb, 0 };
	mh_build(r->fw, 1, 65536, &f, &f, &f, &f, &p, 1, &r->src, &r->dst);
	r->gain = fw_module_find(r->fw, 2, GAIN_INST);
	assert_non_null(r->gain);
}

static void rig_free(struct gain_rig *r)
{
	assert_int_equal(fw_delete(r->fw), 0);
	free(r->in);
	free(r->out);
}

static struct ipc4_volume_cfg vol(uint32_t ch, uint32_t v, uint32_t curve, uint32_t ms)
{
	return (struct ipc4_volume_cfg){ ch, v, curve, (uint64_t)ms * 10000u };
}

static void fill_random(int32_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (int32_t)mh_rand(&seed);
}

/* 0 dB: the output is the input, bit for bit, in every container. */
static void test_0db_bit_exact(void **state)
{
	(void)state;
	static const enum copier_sample_fmt fmts[] = { COPIER_S32, COPIER_S24_4LE, COPIER_S16 };
	for (size_t k = 0; k < 3; k++) {
		struct mh_baseline base = mh_baseline_take();
		struct gain_rig r;
		struct ipc4_volume_cfg v = vol(IPC4_ALL_CHANNELS, IPC4_VOLUME_MAX, 0, 0);
		rig_build(&r, fmts[k], 2, &v, 1, 9600);
		size_t bytes = r.frames * 2 * copier_sample_bytes(fmts[k]);
		uint32_t seed = 1234;
		for (size_t i = 0; i < bytes / 4; i++)
			r.in[i] = (int32_t)mh_rand(&seed);
		if (fmts[k] == COPIER_S24_4LE)
			for (size_t i = 0; i < bytes / 4; i++)
				r.in[i] = (int32_t)((uint32_t)r.in[i] << 8) >> 8;
		assert_int_equal(fw_pipeline_set_state(r.fw, 1, FW_PPL_STATE_RUNNING), 0);
		assert_int_equal(fw_ll_run(r.fw, 210, false), 0);
		assert_int_equal(r.dst.frames, r.frames);
		assert_memory_equal(r.out, r.in, bytes);
		rig_free(&r);
		mh_baseline_check(&base);
	}
}

/* Per-channel fixed gains: the reference product, sample by sample. */
static void test_fixed_gains_reference(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct gain_rig r;
	const uint32_t ch = 4;
	struct ipc4_volume_cfg v[4] = {
		vol(0, 0x40000000u, 0, 0), vol(1, gain_q31_from_db(-20.0), 0, 0),
		vol(2, 0, 0, 0), vol(3, IPC4_VOLUME_MAX, 0, 0),
	};
	rig_build(&r, COPIER_S32, ch, v, 4, 4800);
	fill_random(r.in, r.frames * ch, 77);
	r.in[0] = INT32_MIN;
	r.in[1] = INT32_MAX;
	assert_int_equal(fw_pipeline_set_state(r.fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(r.fw, 110, false), 0);
	assert_int_equal(r.dst.frames, r.frames);
	for (size_t i = 0; i < r.frames * ch; i++)
		if (r.out[i] != ref_gain(r.in[i], v[i % ch].target_volume))
			fail_msg("sample %zu: %d, expected %d", i, r.out[i],
				 ref_gain(r.in[i], v[i % ch].target_volume));
	/* read back (LARGE_CONFIG_GET param 0) */
	uint8_t buf[4 * 24];
	size_t size = sizeof(buf);
	assert_int_equal(fw_module_get_large_config(r.fw, 2, GAIN_INST, 0, buf, &size), 0);
	assert_int_equal(size, 4 * 24);
	for (uint32_t c = 0; c < ch; c++) {
		struct ipc4_volume_cfg got;
		assert_int_equal(ipc4_volume_cfg_decode(buf + 24 * c, 24, &got), 0);
		assert_int_equal(got.channel_id, c);
		assert_int_equal(got.target_volume, v[c].target_volume);
	}
	rig_free(&r);
	mh_baseline_check(&base);
}

static void test_db_conversion(void **state)
{
	(void)state;
	assert_int_equal(gain_q31_from_db(0.0), IPC4_VOLUME_MAX);
	assert_int_equal(gain_q31_from_db(3.0), IPC4_VOLUME_MAX);
	assert_int_equal(gain_q31_from_db(-300.0), 0);
	assert_int_equal(gain_q31_from_db(NAN), 0);
	assert_int_equal(gain_q31_from_db(-20.0 * log10(2.0)), 0x40000000u);
	assert_true(fabs(gain_db_from_q31(gain_q31_from_db(-37.5)) + 37.5) < 1e-6);
	assert_true(gain_db_from_q31(IPC4_VOLUME_MAX) == 0.0);
	assert_true(isinf(gain_db_from_q31(0)));
}

/*
 * Runtime LARGE_CONFIG_SET while running, for every curve: the new blob is
 * an interim allocation until the next period applies it; the ramp is
 * monotonic, lasts its length, and ends exactly on the target. The input
 * alternates sign every sample so the zero-crossing curves can move.
 */
static void ramp_case(uint32_t curve, uint32_t from, uint32_t to, uint32_t ms)
{
	struct mh_baseline base = mh_baseline_take();
	struct gain_rig r;
	const uint32_t ch = 2;
	struct ipc4_volume_cfg v = vol(IPC4_ALL_CHANNELS, from, 0, 0);
	rig_build(&r, COPIER_S32, ch, &v, 1, 24000);
	const int32_t amp = 0x60000000;
	for (size_t i = 0; i < r.frames; i++)
		for (uint32_t c = 0; c < ch; c++)
			r.in[i * ch + c] = (i & 1) ? -amp : amp;
	assert_int_equal(fw_pipeline_set_state(r.fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(r.fw, 10, false), 0);
	/*
	 * A first runtime config (same volume, no ramp) grows the module's
	 * resource-container pool once; the measured one after it must give
	 * back every byte it took.
	 */
	uint8_t blob[24];
	struct ipc4_volume_cfg warm = vol(IPC4_ALL_CHANNELS, from, 0, 0);
	assert_int_equal(ipc4_volume_cfg_encode(&warm, blob, sizeof(blob)), 24);
	assert_int_equal(fw_module_set_large_config(r.fw, 2, GAIN_INST, 0, true, true, 24, blob,
						    24), 0);
	assert_int_equal(fw_ll_run(r.fw, 1, false), 0);
	size_t t0 = r.dst.frames; /* the ramp starts with the next period's first frame */
	struct vregion_stats before = mh_ppl_stats(r.fw, 1);
	struct ipc4_volume_cfg nv = vol(IPC4_ALL_CHANNELS, to, curve, ms);
	assert_int_equal(ipc4_volume_cfg_encode(&nv, blob, sizeof(blob)), 24);
	assert_int_equal(fw_module_set_large_config(r.fw, 2, GAIN_INST, 0, true, true, 24, blob,
						    24), 0);
	struct vregion_stats pending = mh_ppl_stats(r.fw, 1);
	assert_true(pending.interim_used > before.interim_used);
	assert_int_equal(pending.interim_live_blocks, before.interim_live_blocks + 1);
	assert_int_equal(pending.lifetime_used, before.lifetime_used);
	struct gain_info gi;
	assert_int_equal(gain_get_info(r.gain, &gi), 0);
	assert_int_equal(gi.config_pending, 1);
	assert_int_equal(fw_ll_run(r.fw, 1, false), 0);
	struct vregion_stats applied = mh_ppl_stats(r.fw, 1);
	assert_int_equal(applied.interim_used, before.interim_used);
	assert_int_equal(applied.interim_live_blocks, before.interim_live_blocks);
	assert_int_equal(gain_get_info(r.gain, &gi), 0);
	assert_int_equal(gi.config_pending, 0);
	assert_int_equal(gi.configs_applied, 2);
	assert_int_equal(fw_ll_run(r.fw, 600, false), 0);
	assert_int_equal(r.dst.frames, r.frames);

	size_t len = (size_t)ms * RATE / 1000u;
	bool down = to < from;
	int64_t last = ref_gain(amp, from);
	size_t reached = 0;
	for (size_t i = t0; i < r.frames; i++) {
		for (uint32_t c = 0; c < ch; c++) {
			int32_t y = r.out[i * ch + c];
			int64_t mag = (i & 1) ? -(int64_t)y : y;
			/* |y| follows the gain: never back the wrong way */
			if (down ? mag > last + 1 : mag < last - 1)
				fail_msg("curve %u frame %zu: %lld after %lld", curve, i,
					 (long long)mag, (long long)last);
			if (c == ch - 1)
				last = mag;
		}
		if (!reached && r.out[i * ch] == ref_gain(r.in[i * ch], to) &&
		    r.out[i * ch + 1] == ref_gain(r.in[i * ch + 1], to))
			reached = i - t0 + 1;
	}
	/* on the target at the end of the ramp (not much earlier), and stays there */
	assert_true(reached > 0);
	assert_true(reached <= len + 1);
	assert_true(reached + 64 >= len || from == to);
	for (size_t i = t0 + len; i < r.frames; i++)
		assert_int_equal(r.out[i * ch], ref_gain(r.in[i * ch], to));
	assert_int_equal(gain_get_info(r.gain, &gi), 0);
	assert_int_equal(gi.ch[0].ramping, 0);
	assert_int_equal(gi.ch[0].target_volume, to);
	rig_free(&r);
	mh_baseline_check(&base);
}

static void test_ramps_every_curve(void **state)
{
	(void)state;
	for (uint32_t curve = IPC4_CURVE_WINDOWS_FADE; curve <= IPC4_CURVE_LOG_ZC; curve++) {
		ramp_case(curve, IPC4_VOLUME_MAX, 0x10000000u, 20);    /* down 18 dB */
		ramp_case(curve, 0x08000000u, IPC4_VOLUME_MAX, 50);    /* up 24 dB */
		ramp_case(curve, IPC4_VOLUME_MAX, 0, 10);              /* to silence */
		ramp_case(curve, 0, 0x40000000u, 7);                   /* from silence */
	}
	ramp_case(IPC4_CURVE_NONE, IPC4_VOLUME_MAX, 0x20000000u, 0);
}

/* A zero-crossing ramp on DC (no crossing ever) still reaches its target, after 50 ms. */
static void test_zc_ramp_without_crossings(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct gain_rig r;
	struct ipc4_volume_cfg v = vol(IPC4_ALL_CHANNELS, IPC4_VOLUME_MAX, 0, 0);
	rig_build(&r, COPIER_S32, 1, &v, 1, 9600);
	for (size_t i = 0; i < r.frames; i++)
		r.in[i] = 0x40000000;
	assert_int_equal(fw_pipeline_set_state(r.fw, 1, FW_PPL_STATE_RUNNING), 0);
	struct ipc4_volume_cfg nv = vol(0, 0x20000000u, IPC4_CURVE_LINEAR_ZC, 10);
	uint8_t blob[24];
	assert_int_equal(ipc4_volume_cfg_encode(&nv, blob, sizeof(blob)), 24);
	assert_int_equal(fw_module_set_large_config(r.fw, 2, GAIN_INST, 0, true, true, 24, blob,
						    24), 0);
	assert_int_equal(fw_ll_run(r.fw, 210, false), 0);
	/* held at unity through the ramp (no crossing), then the target */
	assert_int_equal(r.out[100], 0x40000000);
	assert_int_equal(r.out[480 + 100], 0x40000000);
	assert_int_equal(r.out[r.frames - 1], ref_gain(0x40000000, 0x20000000u));
	rig_free(&r);
	mh_baseline_check(&base);
}

/*
 * Stop/reset/start with a fade-in configured at init: each start ramps up
 * from silence again, and nothing is allocated by any cycle.
 */
static void test_start_ramp_and_restart_memory(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct gain_rig r;
	struct ipc4_volume_cfg v = vol(IPC4_ALL_CHANNELS, 0x40000000u, IPC4_CURVE_LINEAR, 5);
	rig_build(&r, COPIER_S32, 2, &v, 1, 4800);
	for (size_t i = 0; i < r.frames * 2; i++)
		r.in[i] = 0x7FFFFF00;
	struct vregion_stats built = mh_ppl_stats(r.fw, 1);
	for (int cycle = 0; cycle < 3; cycle++) {
		r.src.pos = 0;
		r.dst.frames = 0;
		assert_int_equal(copier_set_endpoint(fw_module_find(r.fw, 1, 2),
				 &(struct copier_endpoint){ mh_source_read, NULL, &r.src }), 0);
		assert_int_equal(fw_pipeline_set_state(r.fw, 1, FW_PPL_STATE_RUNNING), 0);
		assert_int_equal(fw_ll_run(r.fw, 110, false), 0);
		assert_int_equal(r.dst.frames, r.frames);
		assert_true(r.out[0] < 0x7FFFFF00 / 64); /* fades in from silence */
		for (size_t i = 2; i < 240 * 2; i += 2)
			assert_true(r.out[i] >= r.out[i - 2]);
		assert_int_equal(r.out[2 * 240], ref_gain(0x7FFFFF00, 0x40000000u));
		assert_int_equal(r.out[2 * (r.frames - 1)], ref_gain(0x7FFFFF00, 0x40000000u));
		assert_int_equal(fw_pipeline_set_state(r.fw, 1, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(r.fw, 1, FW_PPL_STATE_RESET), 0);
		struct vregion_stats now = mh_ppl_stats(r.fw, 1);
		assert_int_equal(now.lifetime_used, built.lifetime_used);
		assert_int_equal(now.interim_used, built.interim_used);
	}
	rig_free(&r);
	mh_baseline_check(&base);
}

/*
 * Configuration while not running takes effect at once without a copy;
 * during the build (lifetime mode) it costs no lifetime memory; bad
 * payloads and unsupported params are refused and change nothing.
 */
static void test_config_not_running_and_refusals(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	assert_int_equal(fw_pipeline_new(fw, 1, 0, 65536), 0);
	uint8_t cfg[256], blob[24];
	struct ipc4_audio_fmt f = mh_fmt(RATE, 2, COPIER_S32);
	struct ipc4_volume_cfg v = vol(IPC4_ALL_CHANNELS, IPC4_VOLUME_MAX, 0, 0);
	size_t n = mh_gain_cfg(cfg, sizeof(cfg), &f, &v, 1);
	struct fw_module_params p = mh_params(2, 0, 1, MODULE_DOMAIN_LL, cfg, n);
	struct processing_module *g;
	assert_int_equal(fw_module_new(fw, &p, &g), 0);
	struct vregion_stats st0 = mh_ppl_stats(fw, 1);
	assert_int_equal(st0.mode, VREGION_MEM_TYPE_LIFETIME);
	struct ipc4_volume_cfg nv = vol(1, 0x30000000u, IPC4_CURVE_LINEAR, 10);
	assert_int_equal(ipc4_volume_cfg_encode(&nv, blob, sizeof(blob)), 24);
	assert_int_equal(fw_module_set_large_config(fw, 2, 0, 0, true, true, 24, blob, 24), 0);
	struct vregion_stats st1 = mh_ppl_stats(fw, 1);
	assert_int_equal(st1.lifetime_used, st0.lifetime_used);
	struct gain_info gi;
	assert_int_equal(gain_get_info(g, &gi), 0);
	assert_int_equal(gi.config_pending, 0);
	assert_int_equal(gi.ch[1].target_volume, 0x30000000u);
	assert_int_equal(gi.ch[0].target_volume, IPC4_VOLUME_MAX);
	/* refusals */
	nv.channel_id = 2; /* a stereo module has no channel 2 */
	assert_int_equal(ipc4_volume_cfg_encode(&nv, blob, sizeof(blob)), 24);
	assert_int_equal(fw_module_set_large_config(fw, 2, 0, 0, true, true, 24, blob, 24),
			 -EINVAL);
	assert_int_equal(fw_module_set_large_config(fw, 2, 0, 0, true, true, 20, blob, 20),
			 -EINVAL);
	uint32_t att = 32;
	assert_int_equal(fw_module_set_large_config(fw, 2, 0, 1, true, true, 4, &att, 4), -EINVAL);
	assert_int_equal(fw_module_set_large_config(fw, 2, 0, 2, true, true, 4, &att, 4), -EINVAL);
	assert_int_equal(fw_module_set_large_config(fw, 2, 0, 7, true, true, 24, blob, 24), -EINVAL);
	uint8_t sw[28] = { 0 };
	sw[2] = 1;  /* num_elems 1 */
	sw[20] = 9; /* channel 9: refused */
	assert_int_equal(fw_module_set_large_config(fw, 2, 0, 200, true, true, 28, sw, 28), -EINVAL);
	assert_int_equal(gain_get_info(g, &gi), 0);
	assert_int_equal(gi.configs_applied, 1);
	uint8_t small[8];
	size_t sz = sizeof(small);
	assert_int_equal(fw_module_get_large_config(fw, 2, 0, 0, small, &sz), -ENOSPC);
	/* attenuation is refused for a 16-bit stream only */
	struct ipc4_audio_fmt f16 = mh_fmt(RATE, 2, COPIER_S16);
	n = mh_gain_cfg(cfg, sizeof(cfg), &f16, &v, 1);
	p = mh_params(2, 2, 1, MODULE_DOMAIN_LL, cfg, n);
	assert_int_equal(fw_module_new(fw, &p, NULL), 0);
	att = 3;
	assert_int_equal(fw_module_set_large_config(fw, 2, 2, 1, true, true, 4, &att, 4), -EINVAL);
	assert_int_equal(fw_module_set_large_config(fw, 2, 0, 1, true, true, 4, &att, 4), 0);
	assert_int_equal(gain_get_info(g, &gi), 0);
	assert_int_equal(gi.attenuation, 3);
	/* a float or 24-bit packed gain is refused at init */
	struct ipc4_audio_fmt ff = mh_fmt(RATE, 2, COPIER_FLOAT);
	n = mh_gain_cfg(cfg, sizeof(cfg), &ff, &v, 1);
	p = mh_params(2, 1, 1, MODULE_DOMAIN_LL, cfg, n);
	assert_int_equal(fw_module_new(fw, &p, NULL), -EINVAL);
	assert_int_equal(fw_delete(fw), 0);
	mh_baseline_check(&base);
}

static void send_switch(struct gain_rig *r, uint32_t channel, uint32_t value)
{
	struct ipc4_switch_ctl sw;
	memset(&sw, 0, sizeof(sw));
	sw.num_elems = 1;
	sw.channel[0] = channel;
	sw.value[0] = value;
	uint8_t blob[28];
	assert_int_equal(ipc4_switch_ctl_encode(&sw, blob, sizeof(blob)), 28);
	assert_int_equal(fw_module_set_large_config(r->fw, 2, GAIN_INST, 200, true, true, 28, blob,
						    28), 0);
}

/*
 * Runtime mute switch and attenuation while running: a muted channel is
 * silent, keeps a volume set meanwhile and takes it on unmute; attenuation
 * shifts the product. Each change is an interim copy applied next period.
 */
static void test_mute_and_attenuation(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct gain_rig r;
	struct ipc4_volume_cfg v = vol(IPC4_ALL_CHANNELS, 0x50000000u, 0, 0);
	rig_build(&r, COPIER_S32, 2, &v, 1, 4800);
	fill_random(r.in, r.frames * 2, 5);
	assert_int_equal(fw_pipeline_set_state(r.fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(r.fw, 10, false), 0);       /* frames 0..479: both on */
	send_switch(&r, 1, 0);
	assert_int_equal(fw_ll_run(r.fw, 10, false), 0);       /* 480..959: ch 1 muted */
	struct ipc4_volume_cfg nv = vol(1, 0x20000000u, 0, 0);
	uint8_t blob[24];
	assert_int_equal(ipc4_volume_cfg_encode(&nv, blob, sizeof(blob)), 24);
	assert_int_equal(fw_module_set_large_config(r.fw, 2, GAIN_INST, 0, true, true, 24, blob,
						    24), 0);
	assert_int_equal(fw_ll_run(r.fw, 10, false), 0);       /* 960..1439: still muted */
	struct gain_info gi;
	assert_int_equal(gain_get_info(r.gain, &gi), 0);
	assert_int_equal(gi.ch[1].muted, 1);
	assert_int_equal(gi.ch[1].target_volume, 0x20000000u);
	send_switch(&r, 1, 1);
	assert_int_equal(fw_ll_run(r.fw, 10, false), 0);       /* 1440..1919: new volume */
	struct vregion_stats before = mh_ppl_stats(r.fw, 1);
	uint32_t att = 2;
	assert_int_equal(fw_module_set_large_config(r.fw, 2, GAIN_INST, 1, true, true, 4, &att, 4),
			 0);
	assert_true(mh_ppl_stats(r.fw, 1).interim_used > before.interim_used);
	assert_int_equal(fw_ll_run(r.fw, 100, false), 0);      /* 1920..: attenuated */
	assert_int_equal(mh_ppl_stats(r.fw, 1).interim_used, before.interim_used);
	assert_int_equal(r.dst.frames, r.frames);
	for (size_t i = 0; i < r.frames; i++) {
		int32_t *x = &r.in[2 * i], *y = &r.out[2 * i];
		uint32_t v1 = i < 1440 ? 0x50000000u : 0x20000000u;
		int sh = i < 1920 ? 0 : 2;
		assert_int_equal(y[0], ref_gain(x[0], 0x50000000u) >> sh);
		if (i >= 480 && i < 1440)
			assert_int_equal(y[1], 0);
		else
			assert_int_equal(y[1], ref_gain(x[1], v1) >> sh);
	}
	rig_free(&r);
	mh_baseline_check(&base);
}

/* The gain's memory, measured (docs/modules.md). */
static void test_gain_region_use(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	assert_int_equal(fw_pipeline_new(fw, 1, 0, 65536), 0);
	size_t before = mh_ppl_stats(fw, 1).lifetime_used;
	uint8_t cfg[256];
	struct ipc4_audio_fmt f = mh_fmt(RATE, 2, COPIER_S32);
	struct ipc4_volume_cfg v = vol(IPC4_ALL_CHANNELS, IPC4_VOLUME_MAX, 0, 0);
	size_t n = mh_gain_cfg(cfg, sizeof(cfg), &f, &v, 1);
	struct fw_module_params p = mh_params(2, 0, 1, MODULE_DOMAIN_LL, cfg, n);
	struct processing_module *g;
	assert_int_equal(fw_module_new(fw, &p, &g), 0);
	size_t heap;
	assert_int_equal(mod_heap_usage(g, &heap, NULL), 0);
	print_message("gain 48 kHz stereo S32: region lifetime %zu bytes, mod_alloc usage %zu\n",
		      mh_ppl_stats(fw, 1).lifetime_used - before, heap);
	assert_int_equal(fw_delete(fw), 0);
	mh_baseline_check(&base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_0db_bit_exact),
		cmocka_unit_test(test_fixed_gains_reference),
		cmocka_unit_test(test_db_conversion),
		cmocka_unit_test(test_ramps_every_curve),
		cmocka_unit_test(test_zc_ramp_without_crossings),
		cmocka_unit_test(test_start_ramp_and_restart_memory),
		cmocka_unit_test(test_config_not_running_and_refusals),
		cmocka_unit_test(test_mute_and_attenuation),
		cmocka_unit_test(test_gain_region_use),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
