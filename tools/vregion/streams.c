/* Endpoint streams of the testbench (see streams.h). */
#include "streams.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tb_output_name(char *buf, size_t cap, const char *base, const char *endpoint, unsigned k)
{
	const char *dot = strrchr(base, '.'), *slash = strrchr(base, '/');

	if (k == 0) {
		snprintf(buf, cap, "%s", base);
		return;
	}
	if (!dot || (slash && dot < slash))
		snprintf(buf, cap, "%s-%s", base, endpoint);
	else
		snprintf(buf, cap, "%.*s-%s%s", (int)(dot - base), base, endpoint, dot);
}

static int open_input(struct tb_stream *s, const struct topology *t, const struct topo_endpoint *e,
		      const struct tb_stream_opts *o, char *err, size_t errlen)
{
	int r;

	if (o->input) {
		r = audio_open_read(o->input, &s->in, err, errlen);
		if (r)
			return r;
		r = audio_check_endpoint(o->input, audio_in_format(s->in), t, e, err, errlen);
		if (r)
			return r;
	} else {
		struct audio_format f = { e->rate, e->channels, e->format };

		r = audio_open_generator(&f, (uint64_t)(o->gen_seconds * e->rate + 0.5), &s->in);
		if (r) {
			snprintf(err, errlen, "cannot make the test signal: %s", strerror(-r));
			return r;
		}
	}
	s->fmt = *audio_in_format(s->in);
	snprintf(s->path, sizeof(s->path), "%s", audio_in_name(s->in));
	return 0;
}

int tb_streams_open(struct tb_streams *ss, const struct topology *t, const struct tb_stream_opts *o,
		    char *err, size_t errlen)
{
	unsigned k_out = 0;
	int r;

	memset(ss, 0, sizeof(*ss));
	for (unsigned i = 0; i < t->n_endpoints; i++) {
		const struct topo_endpoint *e = &t->endpoints[i];
		struct tb_stream *s = &ss->s[ss->n++];

		s->endpoint = (int)i;
		s->dir = e->dir;
		if (e->dir == TOPO_INPUT) {
			r = open_input(s, t, e, o, err, errlen);
			if (r)
				goto fail;
			/* inputs of one run last equally long: outputs are cut to that */
			if (!ss->in_rate) {
				ss->in_rate = s->fmt.rate;
				ss->in_frames = audio_in_frames(s->in);
			}
		}
	}
	for (unsigned i = 0; i < ss->n; i++) {
		struct tb_stream *s = &ss->s[i];
		const struct topo_endpoint *e = &t->endpoints[s->endpoint];

		if (s->dir != TOPO_OUTPUT)
			continue;
		s->fmt.rate = e->rate;
		s->fmt.channels = e->channels;
		s->fmt.format = o->out_format ? *o->out_format : e->format;
		s->expected = ss->in_rate ? (ss->in_frames * e->rate + ss->in_rate / 2) / ss->in_rate : 0;
		if (o->output) {
			tb_output_name(s->path, sizeof(s->path), o->output, e->name, k_out);
			r = audio_open_write(s->path, &s->fmt, &s->out, err, errlen);
			if (r)
				goto fail;
		}
		k_out++;
	}
	return 0;
fail:
	tb_streams_close(ss);
	return r;
}

size_t tb_stream_read(struct tb_stream *s, void *buf, size_t frames)
{
	size_t bytes = audio_sample_bytes(s->fmt.format) * s->fmt.channels, got = 0;

	if (!s->ended) {
		long n = audio_read(s->in, buf, frames);

		if (n < 0) {
			if (!s->error)
				s->error = (int)n;
			n = 0;
		}
		got = (size_t)n;
		s->frames += got;
		if (got < frames)
			s->ended = true;
	}
	memset((char *)buf + got * bytes, 0, (frames - got) * bytes);
	s->silence += frames - got;
	return frames;
}

size_t tb_stream_write(struct tb_stream *s, const void *buf, size_t frames)
{
	uint64_t room = s->expected > s->frames ? s->expected - s->frames : 0;
	size_t n = frames < room ? frames : (size_t)room;
	int r;

	if (n && s->out) {
		r = audio_write(s->out, buf, n);
		if (r && !s->error)
			s->error = r;
	}
	s->frames += n;
	return frames;
}

bool tb_streams_done(const struct tb_streams *ss)
{
	for (unsigned i = 0; i < ss->n; i++) {
		const struct tb_stream *s = &ss->s[i];

		if (s->dir == TOPO_INPUT ? !s->ended : s->frames < s->expected)
			return false;
	}
	return true;
}

int tb_streams_close(struct tb_streams *ss)
{
	int first = 0;

	for (unsigned i = 0; i < ss->n; i++) {
		struct tb_stream *s = &ss->s[i];
		int r = 0;

		if (s->in)
			audio_close_in(s->in);
		if (s->out)
			r = audio_close_out(s->out);
		if (!first)
			first = s->error ? s->error : r;
		s->in = NULL;
		s->out = NULL;
	}
	return first;
}
