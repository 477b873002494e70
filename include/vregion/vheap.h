/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vheap: a constant-time heap over one caller-given span of memory.
 *
 * Used as the interim heap of a region and as the system heap. The control
 * structure (struct vheap) lives wherever the caller puts it - a region keeps
 * it outside its pages, so code that can write the region cannot write the
 * free lists. Every block header inside the span carries a check word that
 * is verified before the heap acts on the header, so a user overflow into a
 * header is detected and reported instead of corrupting the heap.
 *
 * Design (docs/vheap.md): two-level segregated fit with bitmaps, good fit
 * (a request searches the first non-empty class whose every block fits, after
 * trying the head of its own class), immediate coalescing through boundary
 * tags. Block header: 8 bytes on every target (size+flags word, check word).
 * Free blocks hold their list links and a footer; links and offsets are 32
 * bits, so a span is at most VHEAP_MAX_SPAN bytes.
 *
 * Thread safety: none. A vheap is protected by its owner (vregion, system
 * heap) or used from one thread.
 */
#ifndef VREGION_VHEAP_H
#define VREGION_VHEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Natural alignment of every block: 8 on 32-bit targets, 16 on 64-bit. */
#define VHEAP_ALIGN (2u * sizeof(void *))

#if UINTPTR_MAX > 0xFFFFFFFFu
#define VHEAP_ALIGN_LOG 4
#else
#define VHEAP_ALIGN_LOG 3
#endif

/** Bytes of header in front of every block's payload (all targets). */
#define VHEAP_HEADER 8u
/** Smallest block: header, two list links and a footer, rounded to VHEAP_ALIGN. */
#define VHEAP_MIN_BLOCK (VHEAP_ALIGN_LOG == 3 ? 24u : 32u)
/**
 * Smallest buffer, at a VHEAP_ALIGN-aligned address, that vheap_init()
 * accepts: 32 bytes on 32-bit targets, 40 on 64-bit (VHEAP_HEADER bytes
 * that belong to no block, so that payloads are aligned and offset 0 is
 * never a block, then one minimum block). Such a heap holds one block of
 * VHEAP_MIN_BLOCK - VHEAP_HEADER payload bytes.
 */
#define VHEAP_MIN_SPAN (VHEAP_HEADER + VHEAP_MIN_BLOCK)

/**
 * Sub-lists per size class, as a log2 (build option; the library and its
 * users must agree). 4 gives 16 sub-lists: classes 6.25 % wide.
 */
#ifndef VHEAP_SL_LOG
#define VHEAP_SL_LOG 4
#endif
/** Spans are limited to less than 2^VHEAP_MAX_SPAN_LOG bytes (build option, <= 31). */
#ifndef VHEAP_MAX_SPAN_LOG
#define VHEAP_MAX_SPAN_LOG 31
#endif
/** Largest span vheap_init() manages (larger buffers are refused). */
#define VHEAP_MAX_SPAN (((size_t)1 << VHEAP_MAX_SPAN_LOG) - VHEAP_ALIGN)
#define VHEAP_SL_COUNT (1u << VHEAP_SL_LOG)
/** First-level classes: one linear class of small sizes, then one per power of two. */
#define VHEAP_FL_COUNT (VHEAP_MAX_SPAN_LOG - VHEAP_SL_LOG - VHEAP_ALIGN_LOG + 1)
/** Free lists of the largest span: VHEAP_SL_COUNT per first-level class. */
#define VHEAP_LIST_COUNT (VHEAP_FL_COUNT * VHEAP_SL_COUNT)
/** 32-bit words of the bitmap of non-empty lists (one bit to spare past the last list). */
#define VHEAP_MAP_WORDS (VHEAP_LIST_COUNT / 32u + 1u)

/**
 * The control block. Its fields are private to vheap.c; it does not live in
 * the span. A heap needs only as many list heads as its span has classes:
 * vheap_control_size() says how many bytes of this structure a span needs,
 * and vheap_init_sized() runs a heap in a control block of that size (the
 * unused tail of head[] does not exist then). sizeof(struct vheap), what
 * vheap_init() assumes, fits the largest span: 1,696 bytes on 32-bit
 * targets, 1,664 on 64-bit; a 4 KiB span needs 484 (32-bit) or 448 bytes
 * (64-bit) (docs/vheap.md).
 */
struct vheap {
	unsigned char *base;   /* origin of offsets: the first header is at base + VHEAP_HEADER */
	uint32_t end;          /* offset past the last block: VHEAP_HEADER + span */
	uint32_t secret;       /* per-heap key mixed into every check word (odd) */
	uint32_t top;          /* bit w: map[w] != 0 */
	uint32_t flags;        /* bit 0: running under Valgrind (checked at init) */
	size_t used, peak, live_blocks;
	size_t alloc_failures, invalid_frees, corruptions;
	uint32_t map[VHEAP_MAP_WORDS];      /* bit i % 32 of word i / 32: list i non-empty */
	uint32_t head[VHEAP_LIST_COUNT];    /* block offsets, 0 = empty; must stay last */
};

/** Figures a heap reports; every field is in bytes unless it says count. */
struct vheap_stats {
	size_t span;           /**< bytes managed (the span after trimming to alignment) */
	size_t used;           /**< bytes held by live blocks, their headers included */
	size_t peak;           /**< high-water mark of used since init */
	size_t free_bytes;     /**< span - used */
	size_t largest_free;   /**< largest request vheap_alloc() would now satisfy */
	size_t live_blocks;    /**< count of live blocks */
	size_t alloc_failures; /**< count of allocations that returned NULL */
	size_t invalid_frees;  /**< count of frees refused with -EINVAL */
	size_t corruptions;    /**< count of corrupted headers detected */
};

/**
 * Make @p h manage [mem, mem + bytes) as one free block. The start is moved
 * up to a VHEAP_ALIGN boundary, VHEAP_HEADER bytes there belong to no block
 * (payloads are then aligned), and the end is trimmed to a multiple of
 * VHEAP_ALIGN. Any previous state of @p h is forgotten. @p h is
 * a whole struct vheap (sizeof(struct vheap) bytes).
 * Returns 0, or -EINVAL for NULL arguments, a span under VHEAP_MIN_BLOCK
 * after trimming (a buffer smaller than VHEAP_MIN_SPAN), or a span larger
 * than VHEAP_MAX_SPAN. Time: O(classes of the span).
 */
int vheap_init(struct vheap *h, void *mem, size_t bytes);

/**
 * Bytes of control block that a heap over a buffer of @p bytes needs: the
 * fixed part of struct vheap plus one list head per size class up to
 * @p bytes (at most sizeof(struct vheap)). A larger buffer never needs
 * less. Time: O(1).
 */
size_t vheap_control_size(size_t bytes);

/**
 * vheap_init() with a control block of @p control_bytes at @p h, which may
 * be shorter than struct vheap: at least vheap_control_size(@p bytes)
 * (suitably aligned for struct vheap). Only those bytes are ever touched.
 * Returns 0, or -EINVAL as vheap_init() and when @p control_bytes is too
 * small for the span. Time: O(classes of the span).
 */
int vheap_init_sized(struct vheap *h, size_t control_bytes, void *mem, size_t bytes);

/**
 * Allocate @p bytes, VHEAP_ALIGN-aligned. Returns NULL for 0 bytes (not
 * counted), and for a size that overflows, exhaustion or a corrupted header
 * met on the way (counted in alloc_failures; a corruption also in
 * corruptions). Time: O(1).
 */
void *vheap_alloc(struct vheap *h, size_t bytes);

/**
 * Allocate @p bytes aligned to @p align: 0 or anything up to VHEAP_ALIGN
 * means natural alignment; otherwise any power of two (no upper limit but
 * the span; 4096 and larger work). A non-power-of-two @p align returns NULL
 * without counting a failure. The leading gap is returned to the free lists.
 * Time: O(1).
 */
void *vheap_alloc_align(struct vheap *h, size_t bytes, size_t align);

/**
 * Free a block. NULL is a no-op returning 0. Returns -EINVAL, counted in
 * invalid_frees with the heap untouched, for a pointer that is not a live
 * block: outside the span, misaligned, interior, already freed. Returns
 * -EFAULT, counted in corruptions and logged with the address, when a header
 * the free depends on fails its check (this block's, or a physical
 * neighbour's; all are verified before anything is written) or a list
 * neighbour does not point back: the heap acts on no corrupted header, and
 * the blocks involved are withdrawn from use rather than reused. A freed pointer whose header no
 * longer verifies is told apart from a non-block by the damage pattern: one
 * corrupted byte (or a few) is a corruption, arbitrary data is a non-block.
 * Time: O(1).
 */
int vheap_free(struct vheap *h, void *ptr);

/**
 * Payload bytes of the live block @p ptr (at least the size requested, the
 * block size less the header), or 0 when @p ptr is not a live block of @p h.
 * In sanitizer builds only the requested bytes are addressable. Time: O(1).
 */
size_t vheap_usable_size(const struct vheap *h, const void *ptr);

/** True when @p ptr lies inside the managed span of @p h. Time: O(1). */
bool vheap_contains(const struct vheap *h, const void *ptr);

/**
 * Fill @p st. largest_free is exact for vheap_alloc(): the payload of the
 * first block of the highest non-empty class (a request that would need an
 * aligned gap may fail below it). Time: O(1). Either NULL: nothing happens.
 */
void vheap_stats(const struct vheap *h, struct vheap_stats *st);

/**
 * Walk every block and every free list and check every invariant: header
 * checks, sizes and bounds, boundary tags and flags, no two adjacent free
 * blocks, list membership and classes, bitmaps, and the used/live counters.
 * Returns 0, or -EFAULT with the first problem logged. Time: O(blocks).
 */
int vheap_validate(const struct vheap *h);

/**
 * Hand the span back: in sanitizer builds the whole span is made
 * addressable again (vheap poisons free blocks and headers), so the owner can
 * reuse the memory. Without sanitizers it does nothing. @p h must be
 * vheap_init()ed again before further use. NULL is ignored. Time: O(1).
 */
void vheap_fini(struct vheap *h);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_VHEAP_H */
