/*
 * Audio streams of the testbench: WAV and FLAC files through libsndfile, and
 * a generated test signal. Samples travel in the stream's own format:
 *   s16   -> int16_t
 *   s24   -> int32_t holding a sign-extended 24-bit value (ALSA S24_LE)
 *   s32   -> int32_t
 *   float -> float, full scale +-1.0
 * interleaved by channel. The copier converts them to the pipeline's format.
 */
#ifndef VREGION_TOOL_AUDIO_IO_H
#define VREGION_TOOL_AUDIO_IO_H

#include <stddef.h>
#include <stdint.h>

#include "topology.h"

struct audio_format {
	unsigned rate;
	unsigned channels;
	enum topo_format format;
};

struct audio_in;
struct audio_out;

/* Bytes of one sample in memory in the given format (2 or 4). */
size_t audio_sample_bytes(enum topo_format f);

/*
 * Open a WAV or FLAC file for reading (16/24/32-bit integer or float).
 * Returns 0, -ENOENT (cannot open) or -ENOTSUP (other container or sample
 * format, e.g. 8-bit or Ogg) with a message naming the file in err.
 */
int audio_open_read(const char *path, struct audio_in **in, char *err, size_t errlen);

/* A generated test signal: `frames` frames of sines at -6 dBFS, a
 * different frequency on each channel (997, 1499, 443, ... Hz). */
int audio_open_generator(const struct audio_format *fmt, uint64_t frames, struct audio_in **in);

const struct audio_format *audio_in_format(const struct audio_in *in);
uint64_t audio_in_frames(const struct audio_in *in);
const char *audio_in_name(const struct audio_in *in);

/* Read up to `frames` frames into buf; returns frames read (0 at the end)
 * or a negative errno. */
long audio_read(struct audio_in *in, void *buf, size_t frames);
void audio_close_in(struct audio_in *in);

/*
 * Create a file for writing: the container follows the extension (.wav or
 * .flac, anything else is WAV). FLAC holds s16 and s24 only: s32 or float
 * into FLAC returns -ENOTSUP. Returns 0 or negative errno with err set.
 */
int audio_open_write(const char *path, const struct audio_format *fmt,
		     struct audio_out **out, char *err, size_t errlen);
/* Write `frames` frames from buf; returns 0 or -EIO. */
int audio_write(struct audio_out *out, const void *buf, size_t frames);
/* Close and flush; returns 0 or -EIO. */
int audio_close_out(struct audio_out *out);

/*
 * Check a stream against a topology endpoint: returns 0, or -EINVAL with
 * a message naming both values (e.g. "in.wav: sample rate 48000 Hz does not
 * match endpoint 'in' of topo.conf (44100 Hz)").
 */
int audio_check_endpoint(const char *name, const struct audio_format *fmt,
			 const struct topology *t, const struct topo_endpoint *e,
			 char *err, size_t errlen);

#endif
