/*
 * End to end through the real IPC4 path: topologies built by encoded
 * messages, decoded and handled by the firmware side, audio played through
 * the copiers, gain and SRC, region figures read, everything torn down.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vregion/vregion.h>

#include "audio_io.h"
#include "convert_topology.h"
#include "engine.h"
#include "sizing.h"

static char tmp_dir[] = "/tmp/vr-engine-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmp_dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp_dir);
	return system(cmd);
}

static struct topology *load(const char *dir, const char *name)
{
	struct topology *t = calloc(1, sizeof(*t));
	char path[1024], err[512];

	assert_non_null(t);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (topo_load_file(path, t, err, sizeof(err)))
		fail_msg("%s", err);
	return t;
}

static int run(const struct topology *t, const char *in, const char *out, double seconds,
	       struct rep_run *rep)
{
	struct tb_run_opts o = { 0 };
	char err[768];
	int r;

	o.streams.input = in;
	o.streams.output = out;
	o.streams.gen_seconds = seconds;
	r = tb_run(t, &o, rep, err, sizeof(err));
	if (r)
		print_message("tb_run: %s\n", err);
	return r;
}

/* host copier s16 -> gain 0.5 -> DAI copier s32: every sample is exact */
static void test_gain_ll_exact(void **state)
{
	struct topology *t = load(VREGION_TOPO_TEST_DIR, "gain-ll.conf");
	struct rep_run *rep = calloc(1, sizeof(*rep));
	struct audio_format f = { 48000, 2, TOPO_FMT_S16 };
	struct audio_in *gen, *in;
	char out[256], err[256];
	int16_t *a = calloc(48000 * 2, sizeof(*a));
	int32_t *b = calloc(48000 * 2, sizeof(*b));

	(void)state;
	snprintf(out, sizeof(out), "%s/gain.wav", tmp_dir);
	assert_int_equal(run(t, NULL, out, 1.0, rep), 0);
	if (!rep->ok)
		fail_msg("%s", rep->error);
	assert_int_equal(rep->n_regions, 1);
	assert_int_equal(rep->regions[0].size, 32768);
	assert_true(rep->regions[0].lifetime_used > 0);
	assert_int_equal(rep->regions[0].interim_at_teardown, 0);
	assert_int_equal(rep->leaked_regions, 0);
	assert_int_equal(rep->leaked_blocks, 0);
	assert_int_equal(rep->ipc_failures, 0);
	assert_int_equal(audio_open_generator(&f, 48000, &gen), 0);
	assert_int_equal(audio_read(gen, a, 48000), 48000);
	audio_close_in(gen);
	assert_int_equal(audio_open_read(out, &in, err, sizeof(err)), 0);
	assert_int_equal(audio_in_frames(in), 48000);
	assert_int_equal(audio_read(in, b, 48000), 48000);
	audio_close_in(in);
	for (unsigned i = 0; i < 48000 * 2; i++)
		if (b[i] != (int32_t)((uint32_t)(int32_t)a[i] << 15))
			fail_msg("sample %u: %d in, %d out, %d expected", i, a[i], b[i],
				 (int32_t)((uint32_t)(int32_t)a[i] << 15));
	free(a);
	free(b);
	free(rep);
	free(t);
}

static void test_gain_dp(void **state)
{
	struct topology *t = load(VREGION_TOPO_TEST_DIR, "gain-dp.conf");
	struct rep_run *rep = calloc(1, sizeof(*rep));

	(void)state;
	assert_int_equal(run(t, NULL, NULL, 0.5, rep), 0);
	if (!rep->ok)
		fail_msg("%s", rep->error);
	assert_int_equal(rep->frames_out, 8000);
	assert_int_equal(rep->n_regions, 2);
	assert_true(rep->regions[1].dp);
	assert_int_equal(rep->regions[1].size, 16384);
	assert_true(rep->regions[1].lifetime_used > 0);
	assert_int_equal(rep->regions[1].interim_at_teardown, 0);
	assert_int_equal(rep->leaked_regions, 0);
	free(rep);
	free(t);
}

static void test_small_region_gain(void **state)
{
	static const char text[] =
		"pipeline.5 {\n heap_bytes_requirement 4096\n"
		" widget.h { type copier copier_type host }\n widget.g { type gain }\n"
		" widget.d { type copier copier_type dai }\n}\n"
		"route [ { source h sink g } { source g sink d } ]\n"
		"endpoint.in { direction input widget h rate 48000 channels 2 }\n"
		"endpoint.out { direction output widget d }\n";
	struct topology *t = calloc(1, sizeof(*t));
	struct rep_run *rep = calloc(1, sizeof(*rep));
	char err[512];

	(void)state;
	assert_int_equal(topo_load_string("small.conf", text, strlen(text), t, err, sizeof(err)), 0);
	assert_int_equal(run(t, NULL, NULL, 0.2, rep), 0);
	assert_false(rep->ok);
	assert_non_null(strstr(rep->error, "region 'pipeline 5' ran out"));
	assert_true(rep->regions[0].alloc_failures > 0);
	assert_int_equal(rep->leaked_regions, 0);
	assert_int_equal(rep->leaked_blocks, 0);
	assert_int_equal(vregion_live_count(), 0);
	free(rep);
	free(t);
}

static void check_sizing(const char *dir, const char *name, unsigned targets)
{
	struct topology *t = load(dir, name);
	struct topology *out = calloc(1, sizeof(*out));
	struct size_result *res = calloc(1, sizeof(*res));
	struct rep_run *rep = calloc(1, sizeof(*rep));
	char err[512];

	if (size_topology(t, SIZE_DEFAULT_HEADROOM, SIZE_DEFAULT_MEASURE_BYTES, tb_size_runner, NULL,
			  res, out, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	assert_int_equal(res->n, targets);
	assert_true(res->recommended_ok);
	for (unsigned i = 0; i < res->n; i++) {
		const struct size_target *tg = &res->t[i];

		assert_true(tg->lifetime > 0);
		assert_true(tg->minimum_found);
		assert_true(tg->minimum <= tg->recommended);
		if (tg->minimum > TOPO_PAGE_SIZE) {
			/* one page less really fails, and says which region ran out */
			assert_true(tg->below_minimum_fails);
			assert_non_null(strstr(tg->below_minimum_error, tg->name));
		}
	}
	/* the written sizes run */
	assert_int_equal(run(out, NULL, NULL, 0.5, rep), 0);
	assert_true(rep->ok);
	for (unsigned i = 0; i < res->n; i++)
		assert_int_equal(rep->regions[i].size, res->t[i].recommended);
	free(rep);
	free(res);
	free(out);
	free(t);
}

static void test_size_gain(void **state)
{
	(void)state;
	check_sizing(VREGION_TOPO_TEST_DIR, "gain-ll.conf", 1);
	check_sizing(VREGION_TOPO_TEST_DIR, "gain-dp.conf", 2);
}

#ifdef VREGION_TB_HAVE_SRC
/* Level (dBFS) of channel @p ch at @p freq over the second half of a file. */
static double tone_dbfs(const char *path, unsigned ch, double freq, unsigned *rate)
{
	struct audio_in *in;
	char err[256];
	int32_t *buf;
	double re = 0, im = 0;
	uint64_t n;
	size_t half;

	assert_int_equal(audio_open_read(path, &in, err, sizeof(err)), 0);
	assert_int_equal(audio_in_format(in)->format, TOPO_FMT_S32);
	*rate = audio_in_format(in)->rate;
	n = audio_in_frames(in);
	buf = calloc(n * audio_in_format(in)->channels, sizeof(*buf));
	assert_int_equal(audio_read(in, buf, n), (long)n);
	half = n / 2;
	for (size_t i = half; i < n; i++) {
		double v = buf[i * audio_in_format(in)->channels + ch] / 2147483648.0;
		double ph = 2 * M_PI * freq * (double)i / *rate;

		re += v * cos(ph);
		im += v * sin(ph);
	}
	audio_close_in(in);
	free(buf);
	return 20 * log10(2 * sqrt(re * re + im * im) / (double)(n - half));
}

static void test_default_playback(void **state)
{
	struct topology *t = load(VREGION_TOPOLOGY_DIR, "playback.conf");
	struct rep_run *rep = calloc(1, sizeof(*rep));
	char out[256];
	unsigned rate;
	double db;

	(void)state;
	snprintf(out, sizeof(out), "%s/out.wav", tmp_dir);
	assert_int_equal(run(t, NULL, out, 1.0, rep), 0);
	if (!rep->ok)
		fail_msg("%s", rep->error);
	assert_int_equal(rep->frames_in, 44100);
	assert_int_equal(rep->frames_out, 48000);
	assert_int_equal(rep->n_regions, 2);
	/* the pipeline's region: lifetime from the build, interim from the run */
	assert_true(rep->regions[0].present);
	assert_false(rep->regions[0].dp);
	assert_true(rep->regions[0].lifetime_used > 0);
	assert_true(rep->regions[0].interim_peak > 0);  /* the gain control blob */
	assert_int_equal(rep->regions[0].interim_at_teardown, 0);
	assert_int_equal(rep->regions[0].size, topo_pipeline_heap(t, 0));
	/* the DP SRC's own region, sized from DP_DATA */
	assert_true(rep->regions[1].present);
	assert_true(rep->regions[1].dp);
	assert_int_equal(rep->regions[1].size, 20480);
	assert_true(rep->regions[1].lifetime_used > 0);
	assert_int_equal(rep->regions[1].alloc_failures, 0);
	assert_true(rep->fast_get_shared > 0);
	assert_int_equal(rep->ipc_failures, 0);
	assert_int_equal(rep->leaked_regions, 0);
	assert_int_equal(rep->leaked_blocks, 0);
	assert_int_equal(vregion_live_count(), 0);
	/* 997 Hz at -6 dBFS through -3 dB of gain: -9 dBFS at 48 kHz */
	db = tone_dbfs(out, 0, 997.0, &rate);
	assert_int_equal(rate, 48000);
	assert_true(fabs(db - (-9.0206)) < 0.05);
	db = tone_dbfs(out, 1, 1499.0, &rate);
	assert_true(fabs(db - (-9.0206)) < 0.05);
	free(rep);
	free(t);
}

static void test_examples_run(void **state)
{
	static const char *const names[] = { "capture-48k-16k.conf", "shared-src-tables.conf",
					     "two-dp.conf" };
	struct rep_run *rep = calloc(1, sizeof(*rep));

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct topology *t = load(VREGION_TOPOLOGY_DIR, names[i]);

		assert_int_equal(run(t, NULL, NULL, 0.5, rep), 0);
		if (!rep->ok)
			fail_msg("%s: %s", names[i], rep->error);
		for (unsigned k = 0; k < rep->n_regions; k++) {
			assert_true(rep->regions[k].present);
			assert_int_equal(rep->regions[k].interim_at_teardown, 0);
			assert_int_equal(rep->regions[k].alloc_failures, 0);
		}
		assert_int_equal(rep->leaked_regions, 0);
		free(t);
	}
	free(rep);
}

static void test_shared_tables(void **state)
{
	struct topology *t = load(VREGION_TOPOLOGY_DIR, "shared-src-tables.conf");
	struct topology *one = load(VREGION_TOPOLOGY_DIR, "playback.conf");
	struct rep_run *rep = calloc(1, sizeof(*rep));
	uint64_t two_users;

	(void)state;
	/* two SRC 44.1 -> 48 kHz instances share one copy of their tables */
	assert_int_equal(run(t, NULL, NULL, 0.2, rep), 0);
	assert_true(rep->ok);
	two_users = rep->fast_get_shared;
	assert_int_equal(rep->fast_get_users, 2 * rep->fast_get_tables);
	assert_int_equal(run(one, NULL, NULL, 0.2, rep), 0);
	assert_true(rep->ok);
	assert_true(two_users > 0);
	assert_int_equal(two_users, rep->fast_get_shared);
	assert_int_equal(rep->fast_get_users, rep->fast_get_tables);
	free(rep);
	free(t);
	free(one);
}

static void test_region_too_small(void **state)
{
	struct topology *t = load(VREGION_BAD_DIR, "small-region.conf");
	struct topology *d = load(VREGION_BAD_DIR, "small-dp.conf");
	struct rep_run *rep = calloc(1, sizeof(*rep));

	(void)state;
	assert_int_equal(run(t, NULL, NULL, 0.2, rep), 0);
	assert_false(rep->ok);
	assert_non_null(strstr(rep->error, "region 'pipeline 1' ran out"));
	assert_true(rep->regions[0].alloc_failures > 0);
	assert_int_equal(rep->leaked_regions, 0);
	assert_int_equal(rep->leaked_blocks, 0);

	assert_int_equal(run(d, NULL, NULL, 0.2, rep), 0);
	assert_false(rep->ok);
	assert_non_null(strstr(rep->error, "region 'src.1' ran out of memory"));
	assert_int_equal(rep->leaked_regions, 0);
	assert_int_equal(vregion_live_count(), 0);
	free(rep);
	free(t);
	free(d);
}

static void test_size_real(void **state)
{
	(void)state;
	check_sizing(VREGION_TOPOLOGY_DIR, "playback.conf", 2);
	check_sizing(VREGION_TOPOLOGY_DIR, "two-dp.conf", 3);
}

static void test_convert(void **state)
{
	struct topology *t = calloc(1, sizeof(*t));
	struct rep_run *rep = calloc(1, sizeof(*rep));
	char a[256], b[256], err[512];
	struct audio_in *in;
	unsigned rate;

	(void)state;
	snprintf(a, sizeof(a), "%s/conv-in.wav", tmp_dir);
	snprintf(b, sizeof(b), "%s/conv-out.wav", tmp_dir);
	/* make a 48 kHz s32 stereo file: the playback output */
	{
		struct topology *p = load(VREGION_TOPOLOGY_DIR, "playback.conf");

		assert_int_equal(run(p, NULL, a, 0.5, rep), 0);
		assert_true(rep->ok);
		free(p);
	}
	assert_int_equal(convert_topology(t, "convert", 48000, 16000, 2, TOPO_FMT_S32, TOPO_FMT_S32,
					  err, sizeof(err)), 0);
	assert_int_equal(run(t, a, b, 0, rep), 0);
	if (!rep->ok)
		fail_msg("%s", rep->error);
	assert_int_equal(audio_open_read(b, &in, err, sizeof(err)), 0);
	assert_int_equal(audio_in_format(in)->rate, 16000);
	assert_int_equal(audio_in_frames(in), 8000);
	audio_close_in(in);
	assert_true(fabs(tone_dbfs(b, 0, 997.0, &rate) - (-9.0206)) < 0.1);
	free(rep);
	free(t);
}

#endif /* VREGION_TB_HAVE_SRC */

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gain_ll_exact),
		cmocka_unit_test(test_gain_dp),
		cmocka_unit_test(test_small_region_gain),
		cmocka_unit_test(test_size_gain),
#ifdef VREGION_TB_HAVE_SRC
		cmocka_unit_test(test_default_playback),
		cmocka_unit_test(test_examples_run),
		cmocka_unit_test(test_shared_tables),
		cmocka_unit_test(test_region_too_small),
		cmocka_unit_test(test_size_real),
		cmocka_unit_test(test_convert),
#endif
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
