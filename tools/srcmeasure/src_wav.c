/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * src_wav: convert a WAV file through the SRC engine directly.
 *
 *   vregion_src_wav <in.wav> <out.wav> <out_rate>
 *
 * The input may be any format libsndfile reads (16/24/32-bit integer or
 * float); it is promoted to Q1.31 as the copier would, and the output is
 * written as 32-bit integer PCM. This is the measurement path until the
 * testbench's `vregion convert` exists; that command is the final path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sndfile.h>

#include <vregion/modules/src_engine.h>

#define BLOCK 4096

int main(int argc, char **argv)
{
	SF_INFO ii = { 0 }, oi = { 0 };
	SNDFILE *in, *out;
	struct vr_src_plan plan;
	struct vr_src *src;
	void *state;
	int32_t *delay, *ib, *ob;
	uint32_t rate, nch, obn;
	sf_count_t got;
	int eof = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: %s in.wav out.wav out_rate\n", argv[0]);
		return 2;
	}
	rate = (uint32_t)strtoul(argv[3], NULL, 10);
	in = sf_open(argv[1], SFM_READ, &ii);
	if (!in) {
		fprintf(stderr, "%s: %s\n", argv[1], sf_strerror(NULL));
		return 1;
	}
	nch = (uint32_t)ii.channels;
	if (vr_src_plan(&plan, (uint32_t)ii.samplerate, rate, nch)) {
		fprintf(stderr, "unsupported conversion %d -> %u Hz, %u channels\n", ii.samplerate,
			rate, nch);
		return 1;
	}
	oi.samplerate = (int)rate;
	oi.channels = ii.channels;
	oi.format = SF_FORMAT_WAV | SF_FORMAT_PCM_32;
	out = sf_open(argv[2], SFM_WRITE, &oi);
	if (!out) {
		fprintf(stderr, "%s: %s\n", argv[2], sf_strerror(NULL));
		return 1;
	}
	/* float input is scaled to full scale like integer input */
	sf_command(in, SFC_SET_NORM_FLOAT, NULL, SF_TRUE);
	state = malloc(plan.state_bytes);
	delay = malloc(plan.delay_bytes ? plan.delay_bytes : 1);
	obn = BLOCK * 32; /* the largest ratio is 24 */
	ib = malloc((size_t)BLOCK * nch * sizeof(*ib));
	ob = malloc((size_t)obn * nch * sizeof(*ob));
	if (!state || !delay || !ib || !ob)
		return 1;
	src = vr_src_init(state, plan.state_bytes, delay, plan.delay_bytes, NULL, &plan);
	if (!src)
		return 1;
	while (!eof) {
		uint32_t off = 0;

		got = sf_readf_int(in, ib, BLOCK);
		if (got < BLOCK) {
			/* flush the filters' delay with silence so the tail comes out */
			uint32_t pad = (uint32_t)((uint64_t)plan.latency_us * ii.samplerate / 1000000u) + 64;

			if ((sf_count_t)pad > BLOCK - got)
				pad = (uint32_t)(BLOCK - got);
			memset(ib + got * nch, 0, (size_t)pad * nch * sizeof(*ib));
			got += pad;
			eof = 1;
		}
		while (off < got) {
			uint32_t c, p;

			vr_src_process(src, ib + (size_t)off * nch, (uint32_t)got - off, ob, obn, &c, &p);
			off += c;
			if (sf_writef_int(out, ob, p) != p) {
				fprintf(stderr, "%s: write failed\n", argv[2]);
				return 1;
			}
		}
	}
	fprintf(stderr, "%d -> %u Hz, %u ch: %u stage(s), coef %zu B, delay %zu B, latency %u us\n",
		ii.samplerate, rate, nch, plan.nstages, plan.coef_bytes_total, plan.delay_bytes,
		plan.latency_us);
	sf_close(in);
	sf_close(out);
	free(state);
	free(delay);
	free(ib);
	free(ob);
	return 0;
}
