/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Copier: every sample format converted both ways (exact), and host/DAI
 * copiers through the framework: output against a reference computed here,
 * stop/reset/start, region figures and leak baselines.
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

#include "modules_harness.h"

static const enum copier_sample_fmt all_fmts[] = {
	COPIER_S16, COPIER_S24_3LE, COPIER_S24_4LE, COPIER_S32, COPIER_FLOAT,
};
#define NFMT (sizeof(all_fmts) / sizeof(all_fmts[0]))

/* ---- reference conversions, written independently of the module ---- */

/* The value of one sample in units of 2^-31 of full scale, as a double. */
static double ref_value(enum copier_sample_fmt f, const uint8_t *p)
{
	switch (f) {
	case COPIER_S16: {
		int16_t v;
		memcpy(&v, p, 2);
		return (double)v * 65536.0;
	}
	case COPIER_S24_3LE: {
		int32_t v = p[0] | p[1] << 8 | p[2] << 16;
		if (v & 0x800000)
			v -= 0x1000000;
		return (double)v * 256.0;
	}
	case COPIER_S24_4LE: {
		int32_t v = p[0] | p[1] << 8 | p[2] << 16;
		if (v & 0x800000)
			v -= 0x1000000;
		return (double)v * 256.0;
	}
	case COPIER_S32: {
		int32_t v;
		memcpy(&v, p, 4);
		return (double)v;
	}
	case COPIER_FLOAT: {
		float v;
		memcpy(&v, p, 4);
		return (double)v * 2147483648.0;
	}
	}
	return 0;
}

/* Store @p v (units of 2^-31) in format @p f: nearest, ties toward +inf (integers), saturate. */
static void ref_store(enum copier_sample_fmt f, double v, uint8_t *p)
{
	if (f == COPIER_FLOAT) {
		float x = (float)(v / 2147483648.0);
		memcpy(p, &x, 4);
		return;
	}
	double scale = f == COPIER_S16 ? 65536.0 : f == COPIER_S32 ? 1.0 : 256.0;
	double bits = f == COPIER_S16 ? 16 : f == COPIER_S32 ? 32 : 24;
	double max = ldexp(1.0, (int)bits - 1) - 1, min = -ldexp(1.0, (int)bits - 1);
	double q = floor(v / scale + 0.5);
	if (q > max)
		q = max;
	if (q < min)
		q = min;
	int32_t i = (int32_t)q;
	switch (f) {
	case COPIER_S16: {
		int16_t s = (int16_t)i;
		memcpy(p, &s, 2);
		break;
	}
	case COPIER_S24_3LE:
		p[0] = (uint8_t)i;
		p[1] = (uint8_t)(i >> 8);
		p[2] = (uint8_t)(i >> 16);
		break;
	default:
		memcpy(p, &i, 4);
		break;
	}
}

/* Random samples of format @p f that are exact in every format of at least its width. */
static void fill_samples(enum copier_sample_fmt f, uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t r = mh_rand(&seed);
		switch (f) {
		case COPIER_S16:
			memcpy(p + 2 * i, &(int16_t){ (int16_t)r }, 2);
			break;
		case COPIER_S24_3LE:
			p[3 * i] = (uint8_t)r;
			p[3 * i + 1] = (uint8_t)(r >> 8);
			p[3 * i + 2] = (uint8_t)(r >> 16);
			break;
		case COPIER_S24_4LE: {
			int32_t v = (int32_t)(r << 8) >> 8;
			memcpy(p + 4 * i, &v, 4);
			break;
		}
		case COPIER_S32:
			memcpy(p + 4 * i, &r, 4);
			break;
		case COPIER_FLOAT: {
			/* a 24-bit mantissa in [-1, 1): exact in float and in Q1.31 */
			float v = (float)((double)((int32_t)(r << 8) >> 8) / 8388608.0);
			memcpy(p + 4 * i, &v, 4);
			break;
		}
		}
	}
}

/* ---- unit: the conversion functions ---- */

static void test_fmt_from_ipc4(void **state)
{
	(void)state;
	for (size_t i = 0; i < NFMT; i++) {
		struct ipc4_audio_fmt a = mh_fmt(48000, 2, all_fmts[i]);
		enum copier_sample_fmt got;
		assert_int_equal(copier_fmt_from_ipc4(&a, &got), 0);
		assert_int_equal(got, all_fmts[i]);
	}
	struct ipc4_audio_fmt a = mh_fmt(48000, 2, COPIER_S16);
	enum copier_sample_fmt got;
	a.depth = 8;
	a.valid_bit_depth = 8;
	assert_int_equal(copier_fmt_from_ipc4(&a, &got), -EINVAL);
	a = mh_fmt(48000, 2, COPIER_S32);
	a.s_type = 5; /* A-law */
	assert_int_equal(copier_fmt_from_ipc4(&a, &got), -EINVAL);
	a = mh_fmt(48000, 2, COPIER_FLOAT);
	a.valid_bit_depth = 24;
	assert_int_equal(copier_fmt_from_ipc4(&a, &got), -EINVAL);
	assert_int_equal(copier_fmt_from_ipc4(NULL, &got), -EINVAL);
}

/* Every 16-bit value and every 24-bit value: to Q1.31 and back, exact. */
static void test_int_round_trip_exhaustive(void **state)
{
	(void)state;
	for (int32_t v = -32768; v <= 32767; v++) {
		int16_t s = (int16_t)v, back;
		int32_t q;
		copier_to_q31(COPIER_S16, &s, &q, 1);
		assert_int_equal(q, v * 65536);
		copier_from_q31(COPIER_S16, &q, &back, 1);
		assert_int_equal(back, s);
	}
	for (int32_t v = -8388608; v <= 8388607; v++) {
		uint8_t b3[3] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16) }, o3[3];
		int32_t q, q4, o4;
		copier_to_q31(COPIER_S24_3LE, b3, &q, 1);
		if (q != v * 256)
			fail_msg("S24_3LE %d -> %d", v, q);
		copier_from_q31(COPIER_S24_3LE, &q, o3, 1);
		assert_memory_equal(o3, b3, 3);
		/* the container's top byte is not part of the sample */
		int32_t c = (int32_t)(((uint32_t)v & 0xFFFFFFu) | 0x5A000000u);
		copier_to_q31(COPIER_S24_4LE, &c, &q4, 1);
		if (q4 != q)
			fail_msg("S24_4LE %d -> %d", v, q4);
		copier_from_q31(COPIER_S24_4LE, &q4, &o4, 1);
		if (o4 != v)
			fail_msg("S24_4LE back %d -> %d", v, o4);
	}
}

/* Narrowing: nearest, ties up, saturation at the top. */
static void test_narrowing_rounds_and_saturates(void **state)
{
	(void)state;
	static const struct { int32_t q; int16_t s16; int32_t s24; } cases[] = {
		{ INT32_MAX, 32767, 8388607 },
		{ INT32_MIN, -32768, -8388608 },
		{ 0x00008000, 1, 128 },
		{ 0x00007FFF, 0, 128 },
		{ -0x8000, 0, -128 },
		{ -0x8001, -1, -128 },
		{ 0x7FFF8000, 32767, 8388480 },
		{ 0x80, 0, 1 },
		{ 0x7F, 0, 0 },
		{ -0x80, 0, 0 },
		{ -0x81, 0, -1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int16_t s;
		int32_t s24;
		uint8_t b3[3];
		copier_from_q31(COPIER_S16, &cases[i].q, &s, 1);
		assert_int_equal(s, cases[i].s16);
		copier_from_q31(COPIER_S24_4LE, &cases[i].q, &s24, 1);
		assert_int_equal(s24, cases[i].s24);
		copier_from_q31(COPIER_S24_3LE, &cases[i].q, b3, 1);
		int32_t v = b3[0] | b3[1] << 8 | b3[2] << 16;
		if (v & 0x800000)
			v -= 0x1000000;
		assert_int_equal(v, cases[i].s24);
	}
}

static void test_float_conversions(void **state)
{
	(void)state;
	/* exact both ways for every 24-bit mantissa value in [-1, 1) */
	for (int32_t k = -8388608; k < 8388608; k += 3) {
		float f = (float)k / 8388608.0f, back;
		int32_t q;
		copier_to_q31(COPIER_FLOAT, &f, &q, 1);
		if (q != k * 256)
			fail_msg("float %d -> %d", k, q);
		copier_from_q31(COPIER_FLOAT, &q, &back, 1);
		if (back != f)
			fail_msg("float back %d", k);
	}
	static const struct { float f; int32_t q; } cases[] = {
		{ 1.0f, INT32_MAX }, { 2.0f, INT32_MAX }, { -1.0f, INT32_MIN },
		{ -3.0f, INT32_MIN }, { 0.0f, 0 }, { -0.0f, 0 },
		{ 0.5f, 0x40000000 }, { 1.0f / 4294967296.0f, 1 }, /* 0.5 LSB: away from zero */
		{ -1.0f / 4294967296.0f, -1 }, { 1.0f / 8589934592.0f, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int32_t q;
		copier_to_q31(COPIER_FLOAT, &cases[i].f, &q, 1);
		assert_int_equal(q, cases[i].q);
	}
	float nan = NAN;
	int32_t q = 7;
	copier_to_q31(COPIER_FLOAT, &nan, &q, 1);
	assert_int_equal(q, 0);
	/* Q1.31 -> float: one rounding; INT32_MIN is exactly -1.0 */
	int32_t qmin = INT32_MIN;
	float f;
	copier_from_q31(COPIER_FLOAT, &qmin, &f, 1);
	assert_true(f == -1.0f);
}

/* Every (input, output) pair against the reference, on random data. */
static void test_all_pairs_against_reference(void **state)
{
	(void)state;
	enum { N = 4096 };
	uint8_t *in = malloc(N * 4), *out = malloc(N * 4), *ref = malloc(N * 4);
	int32_t *q = malloc(N * 4);
	for (size_t a = 0; a < NFMT; a++) {
		for (size_t b = 0; b < NFMT; b++) {
			enum copier_sample_fmt fi = all_fmts[a], fo = all_fmts[b];
			size_t si = copier_sample_bytes(fi), so = copier_sample_bytes(fo);
			fill_samples(fi, in, N, (uint32_t)(a * 7 + b + 1));
			copier_to_q31(fi, in, q, N);
			copier_from_q31(fo, q, out, N);
			for (size_t i = 0; i < N; i++)
				ref_store(fo, ref_value(fi, in + i * si), ref + i * so);
			if (memcmp(out, ref, N * so))
				fail_msg("pair %zu -> %zu differs", a, b);
		}
	}
	free(in);
	free(out);
	free(ref);
	free(q);
}

/* ---- through the framework ---- */

struct run {
	uint8_t *in, *out;
	struct mh_source src;
	struct mh_sink dst;
};

static void run_alloc(struct run *r, size_t frames, size_t in_fb, size_t out_fb, size_t cap)
{
	memset(r, 0, sizeof(*r));
	r->in = calloc(frames, in_fb);
	r->out = calloc(cap, out_fb);
	r->src = (struct mh_source){ r->in, frames, 0, in_fb, 0 };
	r->dst = (struct mh_sink){ r->out, cap, 0, out_fb, 0 };
}

static void run_free(struct run *r)
{
	free(r->in);
	free(r->out);
}

/*
 * stream fi -> host copier -> S32 pipeline -> DAI copier -> stream fo, two
 * channels, 48 kHz: the output is the reference conversion of the input,
 * delayed by nothing (the copiers add no latency inside one period).
 */
static void pipeline_pair(enum copier_sample_fmt fi, enum copier_sample_fmt fo, uint32_t rate)
{
	const uint32_t ch = 2;
	const size_t frames = (size_t)rate / 10; /* 100 ms */
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	struct ipc4_audio_fmt sin = mh_fmt(rate, ch, fi), sout = mh_fmt(rate, ch, fo);
	struct ipc4_audio_fmt pipe = mh_fmt(rate, ch, COPIER_S32);
	size_t ifb = ch * copier_sample_bytes(fi), ofb = ch * copier_sample_bytes(fo);
	struct run r;
	run_alloc(&r, frames, ifb, ofb, frames + 1024);
	fill_samples(fi, r.in, frames * ch, rate + fi * 16 + fo);
	mh_build(fw, 1, 65536, &sin, &pipe, &pipe, &sout, NULL, 0, &r.src, &r.dst);
	assert_int_equal(fw_pipeline_set_state(fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(fw, 110, false), 0);
	assert_int_equal(r.dst.frames, frames);
	uint8_t *ref = malloc(frames * ofb);
	for (size_t i = 0; i < frames * ch; i++)
		ref_store(fo, ref_value(fi, r.in + i * copier_sample_bytes(fi)),
			  ref + i * copier_sample_bytes(fo));
	assert_memory_equal(r.out, ref, frames * ofb);
	free(ref);
	struct copier_stats st;
	assert_int_equal(copier_get_stats(fw_module_find(fw, 1, 2), &st), 0);
	assert_int_equal(st.frames_in, frames);
	assert_int_equal(st.eos, 1);
	assert_int_equal(st.in_fmt, fi);
	assert_int_equal(st.out_fmt, COPIER_S32);
	/* the host reads one period's share per period */
	assert_true(r.src.max_read <= (rate + 999) / 1000);
	assert_int_equal(fw_delete(fw), 0);
	run_free(&r);
	mh_baseline_check(&base);
}

static void test_pipeline_every_format_pair(void **state)
{
	(void)state;
	for (size_t a = 0; a < NFMT; a++)
		for (size_t b = 0; b < NFMT; b++)
			pipeline_pair(all_fmts[a], all_fmts[b], 48000);
}

/* 44.1 kHz: 44 or 45 frames a period, exactly 44100 a second, nothing lost. */
static void test_pipeline_fractional_rate(void **state)
{
	(void)state;
	pipeline_pair(COPIER_S16, COPIER_S16, 44100);
	pipeline_pair(COPIER_S24_4LE, COPIER_FLOAT, 11025);
}

/*
 * Memory: the copiers allocate only at init (lifetime); running, stopping,
 * resetting and starting again leave the region's figures unchanged, and the
 * output after a restart is again the input.
 */
static void test_stop_reset_start_memory(void **state)
{
	(void)state;
	const uint32_t rate = 48000, ch = 2;
	const size_t frames = 4800;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	struct ipc4_audio_fmt s16 = mh_fmt(rate, ch, COPIER_S16), pipe = mh_fmt(rate, ch, COPIER_S32);
	struct run r;
	run_alloc(&r, frames, 4, 4, 2 * frames);
	fill_samples(COPIER_S16, r.in, frames * ch, 99);
	mh_build(fw, 1, 65536, &s16, &pipe, &pipe, &s16, NULL, 0, &r.src, &r.dst);
	struct vregion_stats built = mh_ppl_stats(fw, 1);
	assert_int_equal(built.mode, VREGION_MEM_TYPE_INTERIM);
	assert_true(built.lifetime_used > 0);
	for (int cycle = 0; cycle < 3; cycle++) {
		r.src.pos = 0;
		r.dst.frames = 0;
		assert_int_equal(copier_set_endpoint(fw_module_find(fw, 1, 2),
						     &(struct copier_endpoint){ mh_source_read, NULL,
									       &r.src }), 0);
		assert_int_equal(fw_pipeline_set_state(fw, 1, FW_PPL_STATE_RUNNING), 0);
		assert_int_equal(fw_ll_run(fw, 110, false), 0);
		struct vregion_stats now = mh_ppl_stats(fw, 1);
		assert_int_equal(now.lifetime_used, built.lifetime_used);
		assert_int_equal(now.interim_used, built.interim_used);
		assert_int_equal(fw_pipeline_set_state(fw, 1, FW_PPL_STATE_PAUSED), 0);
		assert_int_equal(fw_pipeline_set_state(fw, 1, FW_PPL_STATE_RESET), 0);
		now = mh_ppl_stats(fw, 1);
		assert_int_equal(now.lifetime_used, built.lifetime_used);
		assert_int_equal(now.interim_used, built.interim_used);
		assert_int_equal(r.dst.frames, frames);
		assert_memory_equal(r.out, r.in, frames * 4);
	}
	assert_int_equal(fw_delete(fw), 0);
	run_free(&r);
	mh_baseline_check(&base);
}

/* Refused configurations leave nothing behind. */
static void test_bad_configs_refused(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	assert_int_equal(fw_pipeline_new(fw, 1, 0, 16384), 0);
	struct vregion_stats before = mh_ppl_stats(fw, 1);
	uint8_t cfg[128];
	struct ipc4_audio_fmt a = mh_fmt(48000, 2, COPIER_S16), b = mh_fmt(48000, 2, COPIER_S32);
	struct ipc4_audio_fmt bad[3] = { b, b, b };
	bad[0].channels_count = 1;       /* channel count differs */
	bad[1].sampling_frequency = 44100; /* rate differs */
	bad[2].depth = 8;                /* 8-bit */
	bad[2].valid_bit_depth = 8;
	for (int i = 0; i < 3; i++) {
		uint8_t c2[128];
		struct ipc4_copier_cfg c;
		memset(&c, 0, sizeof(c));
		c.base.fmt = a;
		c.base.ibs = 192;
		c.base.obs = 384;
		c.out_fmt = bad[i];
		c.node_id = 0xFFFFFFFFu;
		c.config_data = cfg;
		c.config_data_len = 4;
		memset(cfg, 0, 4);
		int n = ipc4_copier_cfg_encode(&c, c2, sizeof(c2));
		if (n <= 0)
			continue; /* the encoder refuses it already */
		struct fw_module_params p = mh_params(1, 0, 1, MODULE_DOMAIN_LL, c2, (size_t)n);
		assert_int_equal(fw_module_new(fw, &p, NULL), -EINVAL);
	}
	size_t n = mh_copier_cfg(cfg, sizeof(cfg), &a, &b);
	struct fw_module_params p = mh_params(1, 0, 1, MODULE_DOMAIN_LL, cfg, n - 1);
	assert_int_equal(fw_module_new(fw, &p, NULL), -EINVAL); /* truncated */
	p = mh_params(1, 0, 1, MODULE_DOMAIN_LL, NULL, 0);
	assert_int_equal(fw_module_new(fw, &p, NULL), -EINVAL);
	struct fw_counts cnt;
	assert_int_equal(fw_get_counts(fw, &cnt), 0);
	assert_int_equal(cnt.modules, 0);
	struct vregion_stats after = mh_ppl_stats(fw, 1);
	assert_int_equal(after.use_count, before.use_count);
	/* endpoint and stats calls on a non-copier or NULL */
	assert_int_equal(copier_set_endpoint(NULL, NULL), -EINVAL);
	struct copier_stats st;
	assert_int_equal(copier_get_stats(NULL, &st), -EINVAL);
	assert_int_equal(fw_delete(fw), 0);
	mh_baseline_check(&base);
}

static long failing_read(void *arg, void *buf, uint32_t frames)
{
	(void)arg;
	(void)buf;
	(void)frames;
	return -EIO;
}

static int failing_write(void *arg, const void *buf, uint32_t frames)
{
	(void)arg;
	(void)buf;
	(void)frames;
	return -EPIPE;
}

/* Endpoint errors fail the period's process call and are counted. */
static void test_endpoint_errors(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	struct ipc4_audio_fmt s16 = mh_fmt(48000, 2, COPIER_S16), pipe = mh_fmt(48000, 2, COPIER_S32);
	struct run r;
	run_alloc(&r, 480, 4, 4, 480);
	mh_build(fw, 1, 65536, &s16, &pipe, &pipe, &s16, NULL, 0, &r.src, &r.dst);
	struct processing_module *host = fw_module_find(fw, 1, 2), *dai = fw_module_find(fw, 1, 3);
	assert_int_equal(copier_set_endpoint(host, &(struct copier_endpoint){ failing_read, NULL,
									    NULL }), 0);
	assert_int_equal(fw_pipeline_set_state(fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(fw, 3, false), 3); /* the host copier fails each period */
	struct copier_stats st;
	assert_int_equal(copier_get_stats(host, &st), 0);
	assert_int_equal(st.endpoint_errors, 3);
	assert_int_equal(st.frames_out, 0);
	assert_int_equal(fw_pipeline_set_state(fw, 1, FW_PPL_STATE_PAUSED), 0);
	assert_int_equal(copier_set_endpoint(host, &(struct copier_endpoint){ mh_source_read, NULL,
									    &r.src }), 0);
	assert_int_equal(copier_set_endpoint(dai, &(struct copier_endpoint){ NULL, failing_write,
									   NULL }), 0);
	assert_int_equal(fw_pipeline_set_state(fw, 1, FW_PPL_STATE_RUNNING), 0);
	assert_int_equal(fw_ll_run(fw, 2, false), 2); /* now the DAI copier does */
	assert_int_equal(copier_get_stats(dai, &st), 0);
	assert_int_equal(st.endpoint_errors, 2);
	assert_int_equal(fw_delete(fw), 0);
	run_free(&r);
	mh_baseline_check(&base);
}

/* The copier's init memory, measured (docs/modules.md). */
static void test_copier_region_use(void **state)
{
	(void)state;
	struct mh_baseline base = mh_baseline_take();
	struct fw_instance *fw = mh_fw_new();
	assert_int_equal(fw_pipeline_new(fw, 1, 0, 65536), 0);
	size_t before = mh_ppl_stats(fw, 1).lifetime_used;
	uint8_t cfg[128];
	struct ipc4_audio_fmt a = mh_fmt(48000, 2, COPIER_S16), b = mh_fmt(48000, 2, COPIER_S32);
	size_t n = mh_copier_cfg(cfg, sizeof(cfg), &a, &b);
	struct fw_module_params p = mh_params(1, 0, 1, MODULE_DOMAIN_LL, cfg, n);
	struct processing_module *m;
	assert_int_equal(fw_module_new(fw, &p, &m), 0);
	size_t used = mh_ppl_stats(fw, 1).lifetime_used - before, heap;
	assert_int_equal(mod_heap_usage(m, &heap, NULL), 0);
	print_message("copier 48 kHz stereo S16->S32: region lifetime %zu bytes "
		      "(module object + resources), mod_alloc usage %zu bytes\n", used, heap);
	assert_true(used >= heap);
	assert_int_equal(fw_delete(fw), 0);
	mh_baseline_check(&base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt_from_ipc4),
		cmocka_unit_test(test_int_round_trip_exhaustive),
		cmocka_unit_test(test_narrowing_rounds_and_saturates),
		cmocka_unit_test(test_float_conversions),
		cmocka_unit_test(test_all_pairs_against_reference),
		cmocka_unit_test(test_pipeline_every_format_pair),
		cmocka_unit_test(test_pipeline_fractional_rate),
		cmocka_unit_test(test_stop_reset_start_memory),
		cmocka_unit_test(test_bad_configs_refused),
		cmocka_unit_test(test_endpoint_errors),
		cmocka_unit_test(test_copier_region_use),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
