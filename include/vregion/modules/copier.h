/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Copier: the pipeline's ends (IPC4 module id 1).
 *
 * A copier moves frames from its input to its output converting the sample
 * format: input pin 0 has the base configuration's audio format, output pin
 * 0 the copier configuration's out_fmt (ipc4-subset.md 4.6). Each side is a
 * bound buffer or, when none is bound, an endpoint the host attaches
 * (copier_set_endpoint): the testbench's host copier reads the input stream
 * through it and its DAI copier writes the output stream. A copier with both
 * sides bound is a module-to-module format converter.
 *
 * Formats (struct ipc4_audio_fmt -> enum copier_sample_fmt):
 *   integer (s_type 0, 1, 2), depth 16 valid 16  -> COPIER_S16 (int16)
 *   integer, depth 24 valid 24                   -> COPIER_S24_3LE (3 packed bytes)
 *   integer, depth 32 valid 24                   -> COPIER_S24_4LE (int32 holding a
 *                                                  sign-extended 24-bit value)
 *   integer, depth 32 valid 32                   -> COPIER_S32 (int32, Q1.31)
 *   float (s_type 4), depth 32 valid 32          -> COPIER_FLOAT (IEEE float, +-1.0)
 * Everything else (8-bit, A-law, mu-law, 64-bit) is refused at init.
 * Conversions go through Q1.31: widening is exact; narrowing rounds to
 * nearest (ties up) and saturates; float -> Q1.31 rounds to nearest (ties
 * away from zero), saturates at +-1.0 and maps NaN to 0. Equal formats are
 * copied bit for bit.
 *
 * Memory: everything through the module resource API at init (lifetime
 * memory of the pipeline's region): the private data and two scratch blocks
 * of one chunk of frames; prepare, process and reset allocate nothing.
 */
#ifndef VREGION_MODULES_COPIER_H
#define VREGION_MODULES_COPIER_H

#include <stddef.h>
#include <stdint.h>

#include <vregion/audio/module.h>
#include <vregion/ipc4/modcfg.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Sample formats a copier converts between. */
enum copier_sample_fmt {
	COPIER_S16 = 0,
	COPIER_S24_3LE = 1,
	COPIER_S24_4LE = 2,
	COPIER_S32 = 3,
	COPIER_FLOAT = 4,
};

/**
 * The endpoint callbacks the host attaches to a copier side that has no
 * buffer. Both run on the thread that runs the copier's process op (the LL
 * thread). Frames are interleaved, in the copier's input format (read) or
 * output format (write).
 */
struct copier_endpoint {
	/**
	 * Read up to @p frames frames into @p buf. Returns the frames read
	 * (0: end of stream) or a negative errno (counted in endpoint_errors;
	 * the process call fails with it and moves nothing more).
	 */
	long (*read)(void *arg, void *buf, uint32_t frames);
	/**
	 * Write @p frames frames from @p buf. Returns 0 or a negative errno
	 * (counted; the process call fails with -EIO).
	 */
	int (*write)(void *arg, const void *buf, uint32_t frames);
	void *arg;
};

/** Figures of a copier. */
struct copier_stats {
	uint64_t frames_in;      /**< frames taken from the input side */
	uint64_t frames_out;     /**< frames delivered to the output side */
	uint64_t endpoint_errors;/**< endpoint callbacks that returned an error */
	int eos;                 /**< 1 once the input endpoint reported end of stream */
	enum copier_sample_fmt in_fmt, out_fmt;
	uint32_t chunk_frames;   /**< frames converted per step (scratch size) */
};

/** The copier module type (id 1). */
extern const struct module_type copier_module_type;

/**
 * Attach @p ep (copied; NULL detaches) to copier @p mod. The read callback
 * is used when input pin 0 has no buffer, the write callback when output
 * pin 0 has none (either callback may be NULL). Call it while the copier's
 * pipeline is not running. Returns 0, or -EINVAL (NULL or not a copier).
 * O(1); not thread-safe against the copier's process op.
 */
int copier_set_endpoint(struct processing_module *mod, const struct copier_endpoint *ep);

/** Fill @p st. Returns 0 or -EINVAL (NULL or not a copier). O(1). */
int copier_get_stats(struct processing_module *mod, struct copier_stats *st);

/**
 * The copier format of an IPC4 audio format (table above). Returns 0 or
 * -EINVAL for a format the copier does not convert. O(1), thread-safe.
 */
int copier_fmt_from_ipc4(const struct ipc4_audio_fmt *f, enum copier_sample_fmt *out);

/** Bytes of one sample of @p f (2, 3 or 4; 0 for an unknown value). */
size_t copier_sample_bytes(enum copier_sample_fmt f);

/**
 * Convert @p samples samples of format @p f at @p in to Q1.31 at @p out.
 * Exact for every format (float: rounded as above). @p in and @p out must
 * not overlap. O(samples), thread-safe.
 */
void copier_to_q31(enum copier_sample_fmt f, const void *in, int32_t *out, size_t samples);

/**
 * Convert @p samples Q1.31 samples at @p in to format @p f at @p out
 * (narrowing rounds and saturates). No overlap. O(samples), thread-safe.
 */
void copier_from_q31(enum copier_sample_fmt f, const int32_t *in, void *out, size_t samples);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_MODULES_COPIER_H */
