/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Allocation contexts: allocate from the region when there is one, else the
 * heap; free by address, so memory always returns to where it came from.
 */
#include <errno.h>
#include <string.h>

#include <vregion/alloc_ctx.h>
#include <vregion/platform.h>
#include <vregion/sysheap.h>

#include "util.h"

static size_t live_contexts;

static void *heap_alloc(struct vheap *heap, size_t size, size_t align)
{
	if (!heap)
		return sys_heap_alloc(size, align);
	if (!size || (align && !vr_is_pow2(align)))
		return NULL;
	return vheap_alloc_align(heap, size, align);
}

void *sof_ctx_alloc(struct mod_alloc_ctx *ctx, uint32_t flags, size_t size, size_t alignment)
{
	bool coherent = flags & SOF_MEM_FLAG_COHERENT;
	if (ctx && ctx->vreg)
		return coherent ? vregion_alloc_coherent_align(ctx->vreg, size, alignment)
				: vregion_alloc_align(ctx->vreg, size, alignment);
	struct vheap *heap = ctx ? ctx->heap : NULL;
	if (!coherent)
		return heap_alloc(heap, size, alignment);
	size_t rounded;
	if (!size || !vr_round_up(size, VREGION_CACHE_LINE, &rounded))
		return NULL;
	void *p = heap_alloc(heap, rounded,
			     alignment < VREGION_CACHE_LINE ? VREGION_CACHE_LINE : alignment);
	if (!p)
		return NULL;
	vr_dcache_invalidate(p, rounded);
	return vr_uncached(p);
}

void *sof_ctx_zalloc(struct mod_alloc_ctx *ctx, uint32_t flags, size_t size, size_t alignment)
{
	void *p = sof_ctx_alloc(ctx, flags, size, alignment);
	if (p)
		memset(p, 0, size);
	return p;
}

int sof_ctx_free(struct mod_alloc_ctx *ctx, void *ptr)
{
	if (!ptr)
		return 0;
	if (ctx && ctx->vreg && vregion_contains(ctx->vreg, ptr))
		return vregion_free(ctx->vreg, ptr);
	void *p = vr_cached(ptr);
	if (ctx && ctx->heap && vheap_contains(ctx->heap, p))
		return vheap_free(ctx->heap, p);
	return sys_heap_free(p);
}

struct mod_alloc_ctx *sof_ctx_new(struct vheap *heap, struct vregion *vreg)
{
	struct mod_alloc_ctx *ctx = sys_heap_alloc(sizeof(*ctx), 0);
	if (!ctx)
		return NULL;
	ctx->heap = heap;
	ctx->vreg = vreg;
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	live_contexts++;
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return ctx;
}

struct vregion *sof_ctx_delete(struct mod_alloc_ctx *ctx)
{
	if (!ctx)
		return NULL;
	struct vregion *left = vregion_put(ctx->vreg);
	sys_heap_free(ctx);
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	live_contexts--;
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return left;
}

size_t sof_ctx_live_count(void)
{
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	size_t n = live_contexts;
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return n;
}
