/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * audio_ctx: an allocation context shared by several holders.
 *
 * A pipeline's context is used by the pipeline, by every LL module in it and
 * by the buffers allocated from it; a DP module's context by the module and
 * by the buffers attached to it. SOF freed the shared object while other
 * holders still pointed at it (defects P2, M2, M5). Here every holder is
 * counted, and the invariant is:
 *
 *     region use_count == holders         (when the context has a region)
 *
 * The core context object (struct mod_alloc_ctx, made by sof_ctx_new) holds
 * the creator's region reference; every further holder takes its own with
 * vregion_get() in audio_ctx_hold() and drops it in audio_ctx_release(). The
 * last release deletes the core context (dropping the last region reference,
 * which destroys the region) and this object.
 *
 * Both objects live in the system heap, never in the region they describe.
 * Thread safety: hold and release are atomic; any holder may release from
 * any thread. A holder must not use the context after its release.
 */
#ifndef VREGION_AUDIO_AUDIO_CTX_H
#define VREGION_AUDIO_AUDIO_CTX_H

#include <stdatomic.h>
#include <stddef.h>

#include <vregion/alloc_ctx.h>
#include <vregion/vregion.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A shared context; see the file comment. */
struct audio_ctx {
	struct mod_alloc_ctx *core; /**< heap NULL (system heap) + optional region */
	atomic_uint holders;        /**< holders, the creator included */
};

/**
 * Make a context with one holder (the caller) over @p vr (NULL: no region,
 * memory comes from the system heap). Takes over the caller's reference on
 * @p vr on success; on failure (NULL, system heap exhausted) the caller
 * still owns it. O(1).
 */
struct audio_ctx *audio_ctx_create(struct vregion *vr);

/**
 * Make a context with a new region of @p heap_bytes (0: no region).
 * Returns NULL with *err = -ENOMEM when the region or the objects cannot be
 * made (nothing is left allocated). O(1) plus vregion_create().
 */
struct audio_ctx *audio_ctx_create_sized(size_t heap_bytes, int *err);

/** Add a holder (and a region reference). @p c must already be held by the caller. Returns @p c. */
struct audio_ctx *audio_ctx_hold(struct audio_ctx *c);

/** Drop one holder (and one region reference); the last one frees everything. NULL is a no-op. */
void audio_ctx_release(struct audio_ctx *c);

/** The context's region, or NULL. */
struct vregion *audio_ctx_region(const struct audio_ctx *c);

/** Current number of holders (for tests and the ownership checks). */
unsigned int audio_ctx_holders(const struct audio_ctx *c);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_AUDIO_AUDIO_CTX_H */
