/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Buffers: ring buffers with a fixed frame format that connect one module's
 * output pin to another's input pin.
 *
 * The buffer object (its lock, positions and links) lives in the system
 * heap; its ring memory comes from an allocation context the buffer holds
 * (audio_ctx_hold, so a region reference): the DP end's context when one end
 * is a DP module, else the source module's (its pipeline's region). Ring
 * memory is always interim memory: when the context's region is still in
 * LIFETIME mode the ring is allocated when that region switches
 * (pipeline_complete), so unbinding gives it back (SOF's bind buffers were
 * lifetime blocks, never reclaimed: defect M7). Until then the buffer reads
 * as empty and full.
 *
 * Thread safety: on a buffer with a DP end, reads, writes and queries take
 * the buffer's lock (a LL producer and a DP consumer run at once). A buffer
 * between two LL modules is only ever touched under the firmware
 * instance's lock (LL period, control calls), so it skips its own
 * (buffer_set_shared(b, false), set by the framework at bind). Connection
 * changes are made by the framework with the DP ends quiesced.
 * Time: queries O(1); buffer_read/buffer_write/buffer_reset O(bytes).
 */
#ifndef VREGION_AUDIO_BUFFER_H
#define VREGION_AUDIO_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/audio/audio_ctx.h>
#include <vregion/audio/module.h>
#include <vregion/platform.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A connecting buffer. Fields are the framework's: use the functions. */
struct comp_buffer {
	vr_lock_t lock;
	uint8_t *data;         /**< ring memory (NULL until allocated) */
	size_t size;           /**< ring bytes, a multiple of the frame size */
	size_t rpos, wpos, avail;
	struct audio_fmt fmt;  /**< fixed frame format */
	uint32_t frame_bytes;
	struct audio_ctx *ctx; /**< held: where the ring memory comes from */
	struct processing_module *source; /**< writer (NULL once disconnected) */
	struct processing_module *sink;   /**< reader */
	uint32_t source_pin, sink_pin;
	uint32_t id;           /**< (sink_pin << 16) | source_pin, as IPC4 */
	uint64_t overruns;     /**< writes that did not fit (bytes dropped count once per call) */
	uint64_t underruns;    /**< reads that found less than asked */
	bool shared;           /**< touched by a DP thread: use the lock */
	struct comp_buffer *next; /**< firmware list */
};

/**
 * Make a buffer of @p bytes (rounded up to whole frames of @p fmt; a zero
 * frame size counts as 1 byte) drawing its ring from @p ctx, which it holds.
 * The ring is allocated now when @p ctx has no region or its region is not
 * in LIFETIME mode, else by buffer_alloc_ring() later.
 * Returns NULL for bytes 0, NULL ctx, or exhaustion (nothing kept).
 */
struct comp_buffer *buffer_new(struct audio_ctx *ctx, size_t bytes, const struct audio_fmt *fmt);

/**
 * Allocate the ring if it is still missing and the context's region has
 * left LIFETIME mode. Returns 0 (allocated, already there, or still
 * deferred) or -ENOMEM.
 */
int buffer_alloc_ring(struct comp_buffer *b);

/**
 * Say whether a DP thread touches @p b (true, the default: every access
 * takes the buffer's lock) or only threads holding the instance lock do.
 */
void buffer_set_shared(struct comp_buffer *b, bool shared);

/** Free the ring and the buffer and release its context hold. NULL-safe. */
void buffer_free(struct comp_buffer *b);

/** Bytes readable now (0 without a ring). */
size_t buffer_avail(struct comp_buffer *b);
/** Bytes writable now (0 without a ring). */
size_t buffer_free_space(struct comp_buffer *b);
/**
 * Copy up to @p bytes (whole frames) out of the ring into @p dst (NULL:
 * discard). Returns the bytes read; fewer than asked counts an underrun.
 */
size_t buffer_read(struct comp_buffer *b, void *dst, size_t bytes);
/**
 * Copy up to @p bytes (whole frames) from @p src (NULL: zeros) into the
 * ring. Returns the bytes written; fewer than asked counts an overrun.
 */
size_t buffer_write(struct comp_buffer *b, const void *src, size_t bytes);
/** Empty the ring and zero it (pipeline reset). */
void buffer_reset(struct comp_buffer *b);
/** True when the ring memory is allocated. */
bool buffer_has_ring(struct comp_buffer *b);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_AUDIO_BUFFER_H */
