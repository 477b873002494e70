/*
 * The testbench side of the topology's endpoints: an input endpoint reads a
 * file or the generated signal, an output endpoint writes a file. The
 * copiers at the endpoints move frames through these in the stream's own
 * format (audio_io.h).
 *
 * An input that has ended keeps delivering silence, so the converters'
 * delay lines are flushed; each output keeps exactly the number of frames
 * the input duration gives at its rate (like sox), dropping the rest.
 */
#ifndef VREGION_TOOL_STREAMS_H
#define VREGION_TOOL_STREAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio_io.h"
#include "topology.h"

struct tb_stream {
	int endpoint;               /* index in the topology */
	enum topo_direction dir;
	struct audio_format fmt;    /* stream format */
	struct audio_in *in;        /* input endpoints */
	struct audio_out *out;      /* output endpoints, NULL: discard */
	uint64_t frames;            /* frames moved (input: real frames read) */
	uint64_t silence;           /* input: frames of silence after the end */
	uint64_t expected;          /* output: frames to keep */
	bool ended;                 /* input: source exhausted */
	int error;                  /* first I/O error (negative errno) */
	char path[TOPO_PATH_MAX];
};

struct tb_streams {
	unsigned n;
	struct tb_stream s[TOPO_MAX_ENDPOINTS];
	uint64_t in_frames;         /* frames of the (first) input */
	unsigned in_rate;
};

struct tb_stream_opts {
	const char *input;          /* NULL: generated signal */
	double gen_seconds;         /* length of the generated signal */
	const char *output;         /* NULL: outputs are discarded */
	enum topo_format *out_format; /* NULL: each endpoint's format */
};

/*
 * Open every endpoint of @p t. Inputs: the file @p o->input (its rate and
 * channels must match each input endpoint's: -EINVAL naming both values)
 * or the generated signal in the endpoint's format. Outputs: the first
 * output endpoint writes @p o->output, the next ones the same name with
 * "-ENDPOINT" before the extension. Every input must give the same
 * duration. Returns 0 or a negative errno with err set (-ENOENT, -ENOTSUP,
 * -EINVAL: input errors; -EIO: output cannot be created).
 */
int tb_streams_open(struct tb_streams *ss, const struct topology *t, const struct tb_stream_opts *o,
		    char *err, size_t errlen);

/* Read up to @p frames frames (silence once the source has ended). */
size_t tb_stream_read(struct tb_stream *s, void *buf, size_t frames);
/* Keep up to the expected count of @p frames frames; returns frames taken. */
size_t tb_stream_write(struct tb_stream *s, const void *buf, size_t frames);

/* True when every input has ended and every output holds its frames. */
bool tb_streams_done(const struct tb_streams *ss);

/* Close everything; returns the first error (negative errno) or 0. */
int tb_streams_close(struct tb_streams *ss);

/* Output file name of output endpoint number @p k (0 = @p base itself). */
void tb_output_name(char *buf, size_t cap, const char *base, const char *endpoint, unsigned k);

#endif
