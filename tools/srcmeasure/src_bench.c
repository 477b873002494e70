/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * src_bench: speed of the vregion SRC engine next to libsoxr (VHQ),
 * libsamplerate (SINC_BEST_QUALITY) and speexdsp (quality 10), in one run,
 * single thread; and a converter through any of them for the quality
 * comparison (tools/srcmeasure/srcmeasure.py).
 *
 *   vregion_src_bench [seconds_per_case [runs]]     speed table (default 1 s, 5 runs)
 *   vregion_src_bench convert ENGINE in.wav out.wav RATE
 *        ENGINE: vregion | soxr | lsr | speex        (out: 32-bit PCM WAV)
 *
 * Each library runs on its native sample format (vregion and soxr int32,
 * libsamplerate and speexdsp float); format conversion is outside the timed
 * loop. Speed is reported per channel (stereo streams, frames per second):
 * input and output Msamples/s, thread CPU time, best of several interleaved
 * runs with the spread. The vregion column names the kernels it was linked
 * with: vregion_src_bench has this build's VREGION_SRC_ARITH (float32 on
 * x86-64), vregion_src_bench_int the integer kernels.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <samplerate.h>
#include <sndfile.h>
#include <soxr.h>
#include <speex/speex_resampler.h>

#include <vregion/modules/src_engine.h>

#define NCH 2
#define BLOCK 1024

struct eng {
	const char *name;
	int flt;                   /* 1: float samples */
	void *(*open)(unsigned fin, unsigned fout);
	/* returns frames written; *used = frames read; in == NULL flushes */
	size_t (*run)(void *h, const void *in, size_t nin, void *out, size_t nout, size_t *used);
	void (*close)(void *h);
};

/* ---- vregion ---- */
struct vr {
	struct vr_src_plan plan;
	struct vr_src *src;
	void *mem;
	int32_t *delay;
	int32_t zeros[BLOCK * NCH];
	int flushed;
};

static void *vr_open(unsigned fin, unsigned fout)
{
	struct vr *v = calloc(1, sizeof(*v));

	if (!v || vr_src_plan(&v->plan, fin, fout, NCH))
		return NULL;
	v->mem = malloc(v->plan.state_bytes);
	v->delay = malloc(v->plan.delay_bytes + 4);
	v->src = vr_src_init(v->mem, v->plan.state_bytes, v->delay, v->plan.delay_bytes, NULL,
			     &v->plan);
	return v->src ? v : NULL;
}

static size_t vr_run(void *h, const void *in, size_t nin, void *out, size_t nout, size_t *used)
{
	struct vr *v = h;
	uint32_t c = 0, p = 0;

	if (!in) { /* flush: push the filters' delay worth of silence once */
		if (v->flushed)
			return *used = 0, 0;
		v->flushed = 1;
		nin = (size_t)v->plan.latency_us * v->plan.fs_in / 1000000u + 64;
		in = v->zeros;
		if (nin > BLOCK)
			nin = BLOCK;
	}
	vr_src_process(v->src, in, (uint32_t)nin, out, (uint32_t)nout, &c, &p);
	*used = c;
	return p;
}

static void vr_close(void *h)
{
	struct vr *v = h;

	free(v->mem);
	free(v->delay);
	free(v);
}

/* ---- libsoxr ---- */
static void *sx_open(unsigned fin, unsigned fout)
{
	soxr_error_t err;
	soxr_io_spec_t io = soxr_io_spec(SOXR_INT32_I, SOXR_INT32_I);
	soxr_quality_spec_t q = soxr_quality_spec(SOXR_VHQ, 0);
	soxr_runtime_spec_t rt = soxr_runtime_spec(1);
	soxr_t s = soxr_create(fin, fout, NCH, &err, &io, &q, &rt);

	return err ? NULL : s;
}

static size_t sx_run(void *h, const void *in, size_t nin, void *out, size_t nout, size_t *used)
{
	size_t idone = 0, odone = 0;

	soxr_process(h, in, in ? nin : 0, &idone, out, nout, &odone);
	*used = idone;
	return odone;
}

static void sx_close(void *h)
{
	soxr_delete(h);
}

/* ---- libsamplerate ---- */
struct lsr {
	SRC_STATE *s;
	double ratio;
};

static void *ls_open(unsigned fin, unsigned fout)
{
	struct lsr *l = calloc(1, sizeof(*l));
	int err;

	if (!l)
		return NULL;
	l->s = src_new(SRC_SINC_BEST_QUALITY, NCH, &err);
	l->ratio = (double)fout / fin;
	if (!l->s) {
		free(l);
		return NULL;
	}
	return l;
}

static size_t ls_run(void *h, const void *in, size_t nin, void *out, size_t nout, size_t *used)
{
	struct lsr *l = h;
	static const float zero[NCH];
	SRC_DATA d = { .data_in = in ? in : zero, .data_out = out, .input_frames = in ? (long)nin : 0,
		       .output_frames = (long)nout, .src_ratio = l->ratio, .end_of_input = !in };

	src_process(l->s, &d);
	*used = (size_t)d.input_frames_used;
	return (size_t)d.output_frames_gen;
}

static void ls_close(void *h)
{
	struct lsr *l = h;

	src_delete(l->s);
	free(l);
}

/* ---- speexdsp ---- */
struct spx {
	SpeexResamplerState *s;
	int flushed;
};

static void *sp_open(unsigned fin, unsigned fout)
{
	struct spx *p = calloc(1, sizeof(*p));
	int err;

	if (!p)
		return NULL;
	p->s = speex_resampler_init(NCH, fin, fout, 10, &err);
	if (!p->s) {
		free(p);
		return NULL;
	}
	return p;
}

static size_t sp_run(void *h, const void *in, size_t nin, void *out, size_t nout, size_t *used)
{
	struct spx *p = h;
	static const float zero[BLOCK * NCH];
	spx_uint32_t il, ol = (spx_uint32_t)nout;

	if (!in) {
		if (p->flushed)
			return *used = 0, 0;
		p->flushed = 1;
		in = zero;
		nin = (size_t)speex_resampler_get_input_latency(p->s) + 8;
		if (nin > BLOCK)
			nin = BLOCK;
	}
	il = (spx_uint32_t)nin;
	speex_resampler_process_interleaved_float(p->s, in, &il, out, &ol);
	*used = il;
	return ol;
}

static void sp_close(void *h)
{
	struct spx *p = h;

	speex_resampler_destroy(p->s);
	free(p);
}

static const struct eng engines[] = {
	{ "vregion", 0, vr_open, vr_run, vr_close },
	{ "soxr-vhq", 0, sx_open, sx_run, sx_close },
	{ "lsr-best", 1, ls_open, ls_run, ls_close },
	{ "speex-q10", 1, sp_open, sp_run, sp_close },
};

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); /* CPU time: the machine may be shared */
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* Run one engine on one pair for `secs` of CPU time; input/output Msamples/s per channel. */
static int measure(const struct eng *en, unsigned fin, unsigned fout, double secs,
		   const int32_t *ii, const float *fi, void *ob, double *rin, double *rout)
{
	void *h = en->open(fin, fout);
	size_t nin = fin, in_total = 0, out_total = 0; /* one second of input, reused */
	double t0, t = 0.0;

	if (!h)
		return -1;
	t0 = now();
	while (t < secs) {
		for (size_t off = 0; off < nin;) {
			size_t used, n = nin - off < BLOCK ? nin - off : BLOCK;
			const void *src = en->flt ? (const void *)(fi + off * NCH)
						  : (const void *)(ii + off * NCH);

			out_total += en->run(h, src, n, ob, (size_t)BLOCK * 32, &used);
			off += used;
			in_total += used;
		}
		t = now() - t0;
	}
	en->close(h);
	*rin = in_total / t / 1e6;
	*rout = out_total / t / 1e6;
	return 0;
}

#define NENG (sizeof(engines) / sizeof(engines[0]))
#define MAX_RUNS 20

/*
 * For every pair, `runs` rounds in which each engine runs `secs` of CPU time
 * in turn (interleaved, so that load from other processes hits all of them
 * alike); prints the best round's input/output rate and the spread of the
 * input rate over the rounds (worst as % below best).
 */
static int bench(double secs, unsigned runs)
{
	static const unsigned pairs[][2] = { { 44100, 48000 }, { 48000, 44100 }, { 48000, 16000 },
					     { 16000, 48000 }, { 48000, 96000 }, { 96000, 48000 },
					     { 44100, 96000 }, { 8000, 48000 } };
	int32_t *ii = malloc(192000 * NCH * sizeof(*ii));
	float *fi = malloc(192000 * NCH * sizeof(*fi));
	void *ob = malloc(192000 * 32 * NCH * sizeof(int32_t));
	char name[32];

	if (!ii || !fi || !ob)
		return 1;
	if (runs < 1)
		runs = 1;
	if (runs > MAX_RUNS)
		runs = MAX_RUNS;
	srand(1);
	for (size_t i = 0; i < 192000 * NCH; i++) { /* noise at about -6 dBFS */
		double v = ((double)rand() / RAND_MAX - 0.5);

		ii[i] = (int32_t)(v * 2147483647.0);
		fi[i] = (float)v;
	}
	printf("Msamples/s per channel (stereo), input/output: best of %u runs of %.2f s CPU,\n"
	       "(-x%%) = the slowest run's input rate below the best\n", runs, secs);
	printf("%-16s", "pair");
	for (size_t e = 0; e < NENG; e++) {
		snprintf(name, sizeof(name), e ? "%s" : "%s-%s", engines[e].name, vr_src_arith_name());
		printf(" %22s", name);
	}
	printf("\n");
	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		unsigned fin = pairs[k][0], fout = pairs[k][1];
		double rin[NENG][MAX_RUNS], rout[NENG][MAX_RUNS];
		int ok[NENG];

		for (size_t e = 0; e < NENG; e++)
			ok[e] = 1;
		for (unsigned r = 0; r < runs; r++)
			for (size_t e = 0; e < NENG; e++)
				if (ok[e] && measure(&engines[e], fin, fout, secs, ii, fi, ob, &rin[e][r],
						     &rout[e][r]))
					ok[e] = 0;
		printf("%6u->%-8u", fin, fout);
		for (size_t e = 0; e < NENG; e++) {
			unsigned b = 0;
			double worst;

			if (!ok[e]) {
				printf(" %22s", "n/a");
				continue;
			}
			worst = rin[e][0];
			for (unsigned r = 1; r < runs; r++) {
				if (rin[e][r] > rin[e][b])
					b = r;
				if (rin[e][r] < worst)
					worst = rin[e][r];
			}
			printf("   %6.2f/%6.2f (-%2.0f%%)", rin[e][b], rout[e][b],
			       100.0 * (1.0 - worst / rin[e][b]));
		}
		printf("\n");
		fflush(stdout);
	}
	free(ii);
	free(fi);
	free(ob);
	return 0;
}

static int convert(const char *name, const char *inp, const char *outp, unsigned rate)
{
	const struct eng *en = NULL;
	SF_INFO ii = { 0 }, oi = { 0 };
	SNDFILE *in, *out;
	void *h, *ib, *ob;
	size_t obn = (size_t)BLOCK * 32;
	int eof = 0;

	for (size_t e = 0; e < sizeof(engines) / sizeof(engines[0]); e++)
		if (!strncmp(engines[e].name, name, strlen(name)))
			en = &engines[e];
	if (!en) {
		fprintf(stderr, "unknown engine %s\n", name);
		return 2;
	}
	in = sf_open(inp, SFM_READ, &ii);
	if (!in || ii.channels != NCH) {
		fprintf(stderr, "%s: need a stereo file (%s)\n", inp, sf_strerror(in));
		return 1;
	}
	h = en->open((unsigned)ii.samplerate, rate);
	oi.samplerate = (int)rate;
	oi.channels = NCH;
	oi.format = SF_FORMAT_WAV | SF_FORMAT_PCM_32;
	out = sf_open(outp, SFM_WRITE, &oi);
	ib = malloc((size_t)BLOCK * NCH * 4);
	ob = malloc(obn * NCH * 4);
	if (!h || !out || !ib || !ob) {
		fprintf(stderr, "cannot set up %s %d -> %u\n", en->name, ii.samplerate, rate);
		return 1;
	}
	sf_command(out, SFC_SET_CLIPPING, NULL, SF_TRUE);
	while (!eof) {
		sf_count_t got = en->flt ? sf_readf_float(in, ib, BLOCK) : sf_readf_int(in, ib, BLOCK);
		size_t off = 0;

		do {
			size_t used = 0, n;

			if (got > 0)
				n = en->run(h, (char *)ib + off * NCH * 4, (size_t)got - off, ob, obn, &used);
			else
				n = en->run(h, NULL, 0, ob, obn, &used);
			if (en->flt)
				sf_writef_float(out, ob, (sf_count_t)n);
			else
				sf_writef_int(out, ob, (sf_count_t)n);
			off += used;
			if (got <= 0 && n == 0)
				eof = 1;
		} while (got > 0 && off < (size_t)got);
	}
	sf_close(in);
	sf_close(out);
	en->close(h);
	free(ib);
	free(ob);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "convert")) {
		if (argc != 6) {
			fprintf(stderr, "usage: %s convert ENGINE in.wav out.wav RATE\n", argv[0]);
			return 2;
		}
		return convert(argv[2], argv[3], argv[4], (unsigned)strtoul(argv[5], NULL, 10));
	}
	return bench(argc > 1 ? atof(argv[1]) : 1.0,
		     argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 5u);
}
