/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vregion: whole pages, a lifetime bump allocator, then an interim heap over
 * whatever the lifetime allocator did not use.
 *
 * Layout of the pages once interim:
 *
 *   base                 base+lt_used  heap_base                  base+size
 *   | lifetime blocks ...  |  pad <16  | interim heap (vheap span)  |
 *
 * Invariants (checked by the tests through vregion_stats()):
 *  - lt_used <= size; in LIFETIME mode the next lifetime block starts at
 *    or after base + lt_used;
 *  - the undo ring holds the undo_n most recent lifetime blocks (newest
 *    just before undo_top): their start and the lt_used value before each
 *    was made; a free of the newest one rolls lt_used back exactly;
 *  - once INTERIM, heap_base = align_up(base + lt_used) and the heap owns
 *    [heap_base, base + size); lt_used never changes again;
 *  - the metadata (this struct, the lock, the heap's control block) lives in
 *    the system heap, never in the pages. The heap's control block follows
 *    this struct in the same system-heap block, sized for a span of the
 *    whole region (vheap_control_size()): the interim span is never larger,
 *    so switching to interim never needs memory.
 */
#include <errno.h>
#include <string.h>

#include <vregion/platform.h>
#include <vregion/sysheap.h>
#include <vregion/vheap.h>
#include <vregion/vpage.h>
#include <vregion/vregion.h>

#include "poison.h"
#include "util.h"

/* Depth of the lifetime give-back: the newest N blocks can be freed in reverse order. */
#ifndef VREGION_LIFETIME_UNDO
#define VREGION_LIFETIME_UNDO 8
#endif

struct lifetime_undo {
	size_t start; /* offset of the block */
	size_t mark;  /* lt_used before the block was made */
};

struct vregion {
	uint8_t *base;
	size_t size;
	vr_lock_t lock;
	unsigned int use_count;
	enum vregion_mem_type type;

	size_t lt_used;
	size_t lt_frees;
	struct lifetime_undo undo[VREGION_LIFETIME_UNDO]; /* ring of the newest blocks */
	unsigned int undo_top; /* slot the next record goes to */
	unsigned int undo_n;   /* valid records, newest at undo_top - 1 */

	uint8_t *heap_base;
	size_t heap_size;
	struct vheap *heap;  /* right after this struct, heap_ctl bytes */
	size_t heap_ctl;

	size_t alloc_failures;
	size_t invalid_frees;
};

static size_t live_regions;

static void count_live(bool up)
{
	vr_global_lock_take(VR_GLOBAL_LOCK_PAGES);
	if (up)
		live_regions++;
	else
		live_regions--;
	vr_global_lock_give(VR_GLOBAL_LOCK_PAGES);
}

size_t vregion_live_count(void)
{
	vr_global_lock_take(VR_GLOBAL_LOCK_PAGES);
	size_t n = live_regions;
	vr_global_lock_give(VR_GLOBAL_LOCK_PAGES);
	return n;
}

struct vregion *vregion_create(size_t memsize)
{
	size_t total;
	if (memsize == 0 || !vr_round_up(memsize, VREGION_PAGE_SIZE, &total) ||
	    total / VREGION_PAGE_SIZE > 0xffffffffu) {
		VR_LOG(VR_LOG_ERR, "vregion: cannot create a region of %zu bytes", memsize);
		return NULL;
	}
	if (VR_FAULT(VR_FAULT_REGION))
		return NULL;
	size_t ctl = vheap_control_size(total);
	struct vregion *vr = sys_heap_zalloc(sizeof(*vr) + ctl, 0);
	if (!vr)
		return NULL;
	/* sizeof(*vr) is a multiple of its alignment, which covers struct vheap's. */
	vr->heap = (struct vheap *)(void *)(vr + 1);
	vr->heap_ctl = ctl;
	if (vr_lock_init(&vr->lock) < 0)
		goto fail_lock;
	vr->base = vpage_alloc((unsigned int)(total / VREGION_PAGE_SIZE));
	if (!vr->base) {
		VR_LOG(VR_LOG_WARN, "vregion: no run of %zu pages for a region", total / VREGION_PAGE_SIZE);
		goto fail_pages;
	}
	vr->size = total;
	VR_POISON(vr->base, total); /* nothing is handed out yet */
	vr->use_count = 1;
	vr->type = VREGION_MEM_TYPE_LIFETIME;
	count_live(true);
	return vr;

fail_pages:
	vr_lock_destroy(&vr->lock);
fail_lock:
	sys_heap_free(vr);
	return NULL;
}

struct vregion *vregion_get(struct vregion *vr)
{
	if (!vr)
		return NULL;
	vr_lock_take(&vr->lock);
	vr->use_count++;
	vr_lock_give(&vr->lock);
	return vr;
}

static void report_leaks(struct vregion *vr)
{
	if (vr->type != VREGION_MEM_TYPE_INTERIM)
		return;
	struct vheap_stats hs;
	vheap_stats(vr->heap, &hs);
	if (hs.live_blocks)
		VR_LOG(VR_LOG_WARN, "vregion %p destroyed with %zu interim blocks live (%zu bytes)",
		       (void *)vr->base, hs.live_blocks, hs.used);
}

struct vregion *vregion_put(struct vregion *vr)
{
	if (!vr)
		return NULL;
	vr_lock_take(&vr->lock);
	unsigned int left = --vr->use_count;
	vr_lock_give(&vr->lock);
	if (left)
		return vr;
	report_leaks(vr);
	VR_UNPOISON(vr->base, vr->size);
	vpage_free(vr->base);
	vr_lock_destroy(&vr->lock);
	sys_heap_free(vr);
	count_live(false);
	return NULL;
}

void vregion_set_interim(struct vregion *vr)
{
	if (!vr)
		return;
	vr_lock_take(&vr->lock);
	if (vr->type != VREGION_MEM_TYPE_LIFETIME) {
		VR_LOG(VR_LOG_WARN, "vregion %p: already switched (mode %d)", (void *)vr->base, (int)vr->type);
		vr_lock_give(&vr->lock);
		return;
	}
	uint8_t *hb = (uint8_t *)vr_align_up((uintptr_t)(vr->base + vr->lt_used), VREGION_MIN_ALIGN);
	size_t avail = (size_t)((vr->base + vr->size) - hb);
	vr->undo_n = 0;
	if (hb > vr->base + vr->size || vheap_init_sized(vr->heap, vr->heap_ctl, hb, avail) < 0) {
		VR_LOG(VR_LOG_WARN, "vregion %p: %zu bytes left, too few for an interim heap; allocations will fail",
		       (void *)vr->base, hb > vr->base + vr->size ? (size_t)0 : avail);
		vr->type = VREGION_MEM_TYPE_INVALID;
	} else {
		vr->heap_base = hb;
		vr->heap_size = avail;
		vr->type = VREGION_MEM_TYPE_INTERIM;
	}
	vr_lock_give(&vr->lock);
}

/* Bump allocation; lock held. */
static void *lifetime_alloc(struct vregion *vr, size_t size, size_t align)
{
	uintptr_t cur = (uintptr_t)(vr->base + vr->lt_used);
	uintptr_t start = vr_align_up(cur, align);
	size_t room = vr->size - vr->lt_used;
	size_t pad = (size_t)(start - cur);
	if (start < cur || pad > room || size > room - pad)
		return NULL;
	/* a ring: once full, the oldest record is overwritten */
	struct lifetime_undo *u = &vr->undo[vr->undo_top];
	u->start = (size_t)(start - (uintptr_t)vr->base);
	u->mark = vr->lt_used;
	vr->undo_top = (vr->undo_top + 1u) % VREGION_LIFETIME_UNDO;
	if (vr->undo_n < VREGION_LIFETIME_UNDO)
		vr->undo_n++;
	vr->lt_used += pad + size;
	VR_UNPOISON((void *)start, size);
	return (void *)start;
}

/* The checks shared by every allocation entry; false for bad arguments. */
static bool alloc_args_ok(const struct vregion *vr, size_t size, size_t align)
{
	return vr && size && vr_is_pow2(align) && align <= VREGION_PAGE_SIZE;
}

void *vregion_alloc_align(struct vregion *vr, size_t size, size_t alignment)
{
	size_t align = alignment < VREGION_MIN_ALIGN ? VREGION_MIN_ALIGN : alignment;
	if (!alloc_args_ok(vr, size, align))
		return NULL;
	void *p = NULL;
	vr_lock_take(&vr->lock);
	if (!VR_FAULT(VR_FAULT_REGION)) {
		if (vr->type == VREGION_MEM_TYPE_LIFETIME)
			p = lifetime_alloc(vr, size, align);
		else if (vr->type == VREGION_MEM_TYPE_INTERIM)
			p = vheap_alloc_align(vr->heap, size, align);
	}
	if (!p)
		vr->alloc_failures++;
	vr_lock_give(&vr->lock);
	if (!p)
		VR_LOG(VR_LOG_INFO, "vregion %p: allocation of %zu bytes (align %zu) failed in mode %d",
		       vr ? (void *)vr->base : NULL, size, align, (int)vr->type);
	return p;
}

void *vregion_alloc(struct vregion *vr, size_t size)
{
	return vregion_alloc_align(vr, size, 0);
}

void *vregion_alloc_coherent_align(struct vregion *vr, size_t size, size_t alignment)
{
	size_t rounded;
	if (!size || !vr_round_up(size, VREGION_CACHE_LINE, &rounded))
		return NULL;
	size_t align = alignment < VREGION_CACHE_LINE ? VREGION_CACHE_LINE : alignment;
	void *p = vregion_alloc_align(vr, rounded, align);
	if (!p)
		return NULL;
	vr_dcache_invalidate(p, rounded);
	return vr_uncached(p);
}

void *vregion_alloc_coherent(struct vregion *vr, size_t size)
{
	return vregion_alloc_coherent_align(vr, size, 0);
}

/* Free a pointer in the lifetime area; lock held. */
static int lifetime_free(struct vregion *vr, size_t off)
{
	/* Every lifetime block starts VREGION_MIN_ALIGN-aligned: anything else
	 * was never handed out (found by fuzz/fuzz_heap.c). */
	if (off % VREGION_MIN_ALIGN)
		return -EINVAL;
	unsigned int newest = (vr->undo_top + VREGION_LIFETIME_UNDO - 1u) % VREGION_LIFETIME_UNDO;
	if (vr->type == VREGION_MEM_TYPE_LIFETIME && vr->undo_n && vr->undo[newest].start == off) {
		size_t mark = vr->undo[newest].mark;
		vr->undo_top = newest;
		vr->undo_n--;
		VR_POISON(vr->base + mark, vr->lt_used - mark);
		vr->lt_used = mark;
		return 0;
	}
	vr->lt_frees++;
	return 0;
}

int vregion_free(struct vregion *vr, void *ptr)
{
	if (!ptr)
		return 0;
	if (!vr)
		return -EINVAL;
	uint8_t *p = vr_cached(ptr);
	int ret = -EINVAL;
	vr_lock_take(&vr->lock);
	if (vr->type == VREGION_MEM_TYPE_INTERIM && vheap_contains(vr->heap, p))
		ret = vheap_free(vr->heap, p);
	else if (p >= vr->base && p < vr->base + vr->lt_used)
		ret = lifetime_free(vr, (size_t)(p - vr->base));
	if (ret == -EINVAL)
		vr->invalid_frees++;
	vr_lock_give(&vr->lock);
	if (ret == -EINVAL)
		VR_LOG(VR_LOG_ERR, "vregion %p: free of %p, which this region did not hand out",
		       (void *)vr->base, ptr);
	return ret;
}

bool vregion_contains(const struct vregion *vr, const void *ptr)
{
	if (!vr || !ptr)
		return false;
	const uint8_t *p = vr_cached((void *)(uintptr_t)ptr);
	return p >= vr->base && p < vr->base + vr->size;
}

/* Re-initialise the heap over its span; lock held, mode INTERIM. */
static void heap_restart(struct vregion *vr)
{
	/* The span was accepted before, so it is accepted again. */
	(void)vheap_init_sized(vr->heap, vr->heap_ctl, vr->heap_base, vr->heap_size);
}

int vregion_reset_interim(struct vregion *vr)
{
	if (!vr)
		return -EINVAL;
	int ret = 0;
	vr_lock_take(&vr->lock);
	struct vheap_stats hs;
	if (vr->type != VREGION_MEM_TYPE_INTERIM) {
		ret = -EINVAL;
	} else {
		vheap_stats(vr->heap, &hs);
		if (hs.live_blocks)
			ret = -EBUSY;
		else
			heap_restart(vr);
	}
	vr_lock_give(&vr->lock);
	return ret;
}

int vregion_discard_interim(struct vregion *vr)
{
	if (!vr)
		return -EINVAL;
	int ret;
	vr_lock_take(&vr->lock);
	if (vr->type != VREGION_MEM_TYPE_INTERIM) {
		ret = -EINVAL;
	} else {
		struct vheap_stats hs;
		vheap_stats(vr->heap, &hs);
		ret = hs.live_blocks > (size_t)0x7fffffff ? 0x7fffffff : (int)hs.live_blocks;
		if (hs.live_blocks)
			VR_LOG(VR_LOG_WARN, "vregion %p: discarding %zu live interim blocks (%zu bytes)",
			       (void *)vr->base, hs.live_blocks, hs.used);
		heap_restart(vr);
	}
	vr_lock_give(&vr->lock);
	return ret;
}

int vregion_stats(const struct vregion *cvr, struct vregion_stats *st)
{
	if (!cvr || !st)
		return -EINVAL;
	struct vregion *vr = (struct vregion *)(uintptr_t)cvr; /* the lock is not part of the value */
	memset(st, 0, sizeof(*st));
	vr_lock_take(&vr->lock);
	st->size = vr->size;
	st->lifetime_used = vr->lt_used;
	st->lifetime_frees = vr->lt_frees;
	st->use_count = vr->use_count;
	st->alloc_failures = vr->alloc_failures;
	st->invalid_frees = vr->invalid_frees;
	st->mode = vr->type;
	if (vr->type == VREGION_MEM_TYPE_INTERIM) {
		struct vheap_stats hs;
		vheap_stats(vr->heap, &hs);
		st->interim_size = vr->heap_size;
		st->interim_used = hs.used;
		st->interim_peak = hs.peak;
		st->interim_largest_free = hs.largest_free;
		st->interim_live_blocks = hs.live_blocks;
		st->corruptions = hs.corruptions;
	}
	vr_lock_give(&vr->lock);
	return 0;
}

void vregion_info(struct vregion *vr)
{
	struct vregion_stats st;
	if (vregion_stats(vr, &st) < 0)
		return;
	VR_LOG(VR_LOG_INFO,
	       "vregion %p: %zu bytes (%zu pages), mode %d, lifetime %zu used %zu frees, interim %zu size %zu used %zu peak %zu blocks, %u refs, %zu failures, %zu bad frees",
	       (void *)vr->base, st.size, st.size / VREGION_PAGE_SIZE, (int)st.mode, st.lifetime_used,
	       st.lifetime_frees, st.interim_size, st.interim_used, st.interim_peak,
	       st.interim_live_blocks, st.use_count, st.alloc_failures, st.invalid_frees);
}

void vregion_mem_info(struct vregion *vr, size_t *size, uintptr_t *start)
{
	if (size)
		*size = vr ? vr->size : 0;
	if (start)
		*start = vr ? (uintptr_t)vr->base : 0;
}
