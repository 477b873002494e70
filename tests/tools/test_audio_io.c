/* Audio file I/O of the vregion command: every format round trip. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio_io.h"
#include "streams.h"

#define FRAMES 4410u

static char tmp_dir[] = "/tmp/vr-audio-XXXXXX";

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

static void *read_all(struct audio_in *in, size_t frames)
{
	const struct audio_format *f = audio_in_format(in);
	size_t bytes = frames * f->channels * audio_sample_bytes(f->format);
	char *buf = calloc(1, bytes + 64);
	size_t got = 0;
	long n;

	assert_non_null(buf);
	while ((n = audio_read(in, buf + got * f->channels * audio_sample_bytes(f->format),
			       frames - got)) > 0)
		got += (size_t)n;
	assert_true(n == 0);
	assert_int_equal(got, frames);
	return buf;
}

static void round_trip(const char *ext, enum topo_format format, unsigned channels)
{
	struct audio_format fmt = { 44100, channels, format };
	struct audio_in *gen, *in;
	struct audio_out *out;
	char path[256], err[256];
	void *a, *b;

	snprintf(path, sizeof(path), "%s/t-%s-%u.%s", tmp_dir, topo_format_name(format),
		 channels, ext);
	assert_int_equal(audio_open_generator(&fmt, FRAMES, &gen), 0);
	a = read_all(gen, FRAMES);
	audio_close_in(gen);
	assert_int_equal(audio_open_write(path, &fmt, &out, err, sizeof(err)), 0);
	/* two writes, to cover a partial block */
	assert_int_equal(audio_write(out, a, 1000), 0);
	assert_int_equal(audio_write(out, (char *)a + 1000 * channels * audio_sample_bytes(format),
				     FRAMES - 1000), 0);
	assert_int_equal(audio_close_out(out), 0);

	if (audio_open_read(path, &in, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(audio_in_format(in)->rate, 44100);
	assert_int_equal(audio_in_format(in)->channels, channels);
	assert_int_equal(audio_in_format(in)->format, format);
	assert_int_equal(audio_in_frames(in), FRAMES);
	b = read_all(in, FRAMES);
	audio_close_in(in);
	assert_memory_equal(a, b, FRAMES * channels * audio_sample_bytes(format));
	free(a);
	free(b);
}

static void test_wav_round_trip(void **state)
{
	(void)state;
	round_trip("wav", TOPO_FMT_S16, 2);
	round_trip("wav", TOPO_FMT_S24, 2);
	round_trip("wav", TOPO_FMT_S32, 1);
	round_trip("wav", TOPO_FMT_FLOAT, 8);
}

static void test_flac_round_trip(void **state)
{
	(void)state;
	round_trip("flac", TOPO_FMT_S16, 2);
	round_trip("flac", TOPO_FMT_S24, 3);
}

static void test_generator_signal(void **state)
{
	struct audio_format fmt = { 48000, 2, TOPO_FMT_S24 };
	struct audio_in *gen;
	int32_t *s;
	int32_t peak = 0;

	(void)state;
	assert_int_equal(audio_open_generator(&fmt, 4800, &gen), 0);
	s = read_all(gen, 4800);
	for (size_t i = 0; i < 4800 * 2; i++) {
		int32_t v = s[i] < 0 ? -s[i] : s[i];

		assert_true(s[i] >= -(1 << 23) && s[i] < (1 << 23));
		peak = v > peak ? v : peak;
	}
	/* -6 dBFS sines: peak close to half of full scale */
	assert_true(peak > 4190000 && peak <= 4194304);
	assert_int_equal(audio_read(gen, s, 10), 0);
	audio_close_in(gen);
	free(s);
}

static void test_s24_sign(void **state)
{
	struct audio_format fmt = { 8000, 1, TOPO_FMT_S24 };
	int32_t v[4] = { -8388608, 8388607, -1, 0 }, r[4];
	struct audio_out *out;
	struct audio_in *in;
	char path[256], err[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/s24.wav", tmp_dir);
	assert_int_equal(audio_open_write(path, &fmt, &out, err, sizeof(err)), 0);
	assert_int_equal(audio_write(out, v, 4), 0);
	assert_int_equal(audio_close_out(out), 0);
	assert_int_equal(audio_open_read(path, &in, err, sizeof(err)), 0);
	assert_int_equal(audio_read(in, r, 4), 4);
	audio_close_in(in);
	assert_memory_equal(v, r, sizeof(v));
}

static void test_errors(void **state)
{
	struct audio_format fmt = { 48000, 2, TOPO_FMT_S32 };
	SF_INFO info = { .samplerate = 8000, .channels = 1,
			 .format = SF_FORMAT_WAV | SF_FORMAT_PCM_U8 };
	struct audio_out *out;
	struct audio_in *in;
	char path[256], err[256];
	SNDFILE *sf;

	(void)state;
	snprintf(path, sizeof(path), "%s/missing.wav", tmp_dir);
	assert_int_equal(audio_open_read(path, &in, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "missing.wav"));

	/* 8-bit WAV is not a format the copier takes */
	snprintf(path, sizeof(path), "%s/u8.wav", tmp_dir);
	sf = sf_open(path, SFM_WRITE, &info);
	assert_non_null(sf);
	sf_close(sf);
	assert_int_equal(audio_open_read(path, &in, err, sizeof(err)), -ENOTSUP);
	assert_non_null(strstr(err, "unsupported audio format"));

	/* not audio at all */
	snprintf(path, sizeof(path), "%s/text.wav", tmp_dir);
	{
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fputs("hello, this is not a wave file\n", f);
		fclose(f);
	}
	assert_true(audio_open_read(path, &in, err, sizeof(err)) < 0);

	/* FLAC cannot hold 32-bit or float */
	snprintf(path, sizeof(path), "%s/x.flac", tmp_dir);
	assert_int_equal(audio_open_write(path, &fmt, &out, err, sizeof(err)), -ENOTSUP);
	assert_non_null(strstr(err, "FLAC"));
}

static void test_endpoint_mismatch(void **state)
{
	struct topology t = { .file = "x.conf" };
	struct topo_endpoint e = { .name = "in", .rate = 44100, .channels = 2 };
	struct audio_format f = { 48000, 2, TOPO_FMT_S16 };
	char err[256];

	(void)state;
	assert_int_equal(audio_check_endpoint("a.wav", &f, &t, &e, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "48000 Hz"));
	assert_non_null(strstr(err, "44100 Hz"));
	f.rate = 44100;
	f.channels = 1;
	assert_int_equal(audio_check_endpoint("a.wav", &f, &t, &e, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "1 channels"));
	assert_non_null(strstr(err, "2 channels"));
	f.channels = 2;
	assert_int_equal(audio_check_endpoint("a.wav", &f, &t, &e, err, sizeof(err)), 0);
}

static const char shared_topo[] =
	"pipeline.1 {\n widget.h1 { type copier copier_type host }\n"
	" widget.s1 { type src rate_out 48000 }\n widget.d1 { type copier copier_type dai }\n"
	" widget.h2 { type copier copier_type host }\n widget.d2 { type copier copier_type dai }\n}\n"
	"route [ { source h1 sink s1 } { source s1 sink d1 } { source h2 sink d2 } ]\n"
	"endpoint.in1 { direction input widget h1 rate 44100 channels 2 format s16 }\n"
	"endpoint.in2 { direction input widget h2 rate 44100 channels 2 format s16 }\n"
	"endpoint.out1 { direction output widget d1 format s32 }\n"
	"endpoint.out2 { direction output widget d2 format s24 }\n";

static void test_streams(void **state)
{
	struct topology *t = calloc(1, sizeof(*t));
	struct tb_streams *ss = calloc(1, sizeof(*ss));
	struct tb_stream_opts o = { .gen_seconds = 0.5 };
	char err[512], out[256], name2[300];
	int16_t buf[2 * 30000];
	int32_t obuf[2 * 30000] = { 0 };
	struct audio_in *in;

	(void)state;
	assert_int_equal(topo_load_string("s.conf", shared_topo, strlen(shared_topo), t, err,
					  sizeof(err)), 0);
	snprintf(out, sizeof(out), "%s/out.wav", tmp_dir);
	o.output = out;
	assert_int_equal(tb_streams_open(ss, t, &o, err, sizeof(err)), 0);
	assert_int_equal(ss->n, 4);
	assert_int_equal(ss->in_frames, 22050);
	assert_int_equal(ss->s[2].expected, 24000);  /* 0.5 s at 48 kHz */
	assert_int_equal(ss->s[3].expected, 22050);
	assert_int_equal(ss->s[3].fmt.format, TOPO_FMT_S24);
	/* input: 22050 real frames, then silence */
	assert_int_equal(tb_stream_read(&ss->s[0], buf, 20000), 20000);
	assert_false(ss->s[0].ended);
	assert_int_equal(tb_stream_read(&ss->s[0], buf, 3000), 3000);
	assert_true(ss->s[0].ended);
	assert_int_equal(ss->s[0].frames, 22050);
	assert_int_equal(ss->s[0].silence, 950);
	for (unsigned i = 2050 * 2; i < 3000 * 2; i++)
		assert_int_equal(buf[i], 0);
	/* output: kept up to the expected count */
	assert_int_equal(tb_stream_write(&ss->s[2], obuf, 30000), 30000);
	assert_int_equal(ss->s[2].frames, 24000);
	assert_false(tb_streams_done(ss));
	tb_stream_read(&ss->s[1], buf, 30000);
	tb_stream_write(&ss->s[3], obuf, 30000);
	assert_true(tb_streams_done(ss));
	assert_int_equal(tb_streams_close(ss), 0);
	/* the second output is named after its endpoint */
	tb_output_name(name2, sizeof(name2), out, "out2", 1);
	assert_non_null(strstr(name2, "/out-out2.wav"));
	assert_int_equal(audio_open_read(name2, &in, err, sizeof(err)), 0);
	assert_int_equal(audio_in_frames(in), 22050);
	assert_int_equal(audio_in_format(in)->format, TOPO_FMT_S24);
	audio_close_in(in);
	assert_int_equal(audio_open_read(out, &in, err, sizeof(err)), 0);
	assert_int_equal(audio_in_frames(in), 24000);
	audio_close_in(in);

	/* a file whose rate differs from the input endpoint's: both values named */
	o.input = out; /* 48 kHz */
	assert_int_equal(tb_streams_open(ss, t, &o, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "48000 Hz"));
	assert_non_null(strstr(err, "44100 Hz"));
	free(ss);
	free(t);
}

static void test_output_names(void **state)
{
	char b[128];

	(void)state;
	tb_output_name(b, sizeof(b), "x/out.wav", "spk", 0);
	assert_string_equal(b, "x/out.wav");
	tb_output_name(b, sizeof(b), "x/out.wav", "spk", 1);
	assert_string_equal(b, "x/out-spk.wav");
	tb_output_name(b, sizeof(b), "a.b/out", "spk", 2);
	assert_string_equal(b, "a.b/out-spk");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wav_round_trip),
		cmocka_unit_test(test_flac_round_trip),
		cmocka_unit_test(test_generator_signal),
		cmocka_unit_test(test_s24_sign),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_endpoint_mismatch),
		cmocka_unit_test(test_streams),
		cmocka_unit_test(test_output_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
