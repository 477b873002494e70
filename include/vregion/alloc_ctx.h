/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Allocation contexts: where a module's or pipeline's memory comes from.
 *
 * A context is a heap (NULL: the system heap) plus an optional region. With a
 * region, allocations come from the region in its current mode; without, from
 * the heap. Frees go to wherever the pointer really came from - the region if
 * it lies in the region's pages, else the context's heap, else the system
 * heap - whatever the context says (SOF defect M1: buffer memory freed through
 * a region context leaked).
 *
 * The context object itself is small and lives outside any region, so it can
 * outlive a module while buffers still reference it; sof_ctx_new() /
 * sof_ctx_delete() manage it from the system heap.
 *
 * Thread safety: as the heap and region underneath (both locked).
 */
#ifndef VREGION_ALLOC_CTX_H
#define VREGION_ALLOC_CTX_H

#include <stddef.h>
#include <stdint.h>

#include <vregion/vheap.h>
#include <vregion/vregion.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Allocation flags (SOF's names). Only COHERENT changes where memory comes from. */
#define SOF_MEM_FLAG_USER          (1u << 0) /**< user-accessible memory (accepted, no effect here) */
#define SOF_MEM_FLAG_COHERENT      (1u << 1) /**< cache-line sized and aligned, uncached alias */
#define SOF_MEM_FLAG_DMA           (1u << 2) /**< accepted, no effect here */
#define SOF_MEM_FLAG_LARGE_BUFFER  (1u << 3) /**< accepted, no effect here */

/**
 * A heap plus an optional region. @heap NULL means the system heap; a
 * non-NULL heap is a caller-owned vheap that the caller serialises.
 */
struct mod_alloc_ctx {
	struct vheap *heap;
	struct vregion *vreg;
};

/**
 * Allocate @p size bytes aligned to @p alignment (0: natural; else a power
 * of two). With a region: vregion_alloc_coherent_align() when @p flags has
 * SOF_MEM_FLAG_COHERENT, else vregion_alloc_align(). Without: the heap
 * (COHERENT rounds the size and alignment to VREGION_CACHE_LINE and returns
 * the uncached alias). A NULL @p ctx means the system heap.
 * Returns NULL for size 0, a bad alignment or exhaustion. Time: O(1).
 */
void *sof_ctx_alloc(struct mod_alloc_ctx *ctx, uint32_t flags, size_t size, size_t alignment);

/** As sof_ctx_alloc(), then zero exactly @p size bytes (through the alias returned). */
void *sof_ctx_zalloc(struct mod_alloc_ctx *ctx, uint32_t flags, size_t size, size_t alignment);

/**
 * Free @p ptr to where it came from: the context's region if it lies there,
 * else the context's heap if it lies there, else the system heap. NULL is a
 * no-op returning 0. Returns the owner's error (-EINVAL for a pointer nobody
 * handed out, -EFAULT for a corrupted header) with nothing changed.
 * Time: O(1).
 */
int sof_ctx_free(struct mod_alloc_ctx *ctx, void *ptr);

/**
 * Make a context object in the system heap holding @p heap and @p vreg. The
 * context takes over the caller's reference on @p vreg (no extra get).
 * Returns NULL when the system heap is exhausted; the caller still owns its
 * reference then.
 */
struct mod_alloc_ctx *sof_ctx_new(struct vheap *heap, struct vregion *vreg);

/**
 * Drop the context's region reference and free the context object. NULL is a
 * no-op. Returns the region if it still has other references, NULL otherwise.
 */
struct vregion *sof_ctx_delete(struct mod_alloc_ctx *ctx);

/** Number of context objects made by sof_ctx_new() and not yet deleted; for leak checks. */
size_t sof_ctx_live_count(void);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_ALLOC_CTX_H */
