/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vheap: two-level segregated fit over one span, with checked headers.
 *
 * Block at byte offset o from h->base, the origin (payload at o + 8,
 * VHEAP_ALIGN-aligned). The first header is at offset HDR: the HDR bytes at
 * the origin belong to no block, so offset 0 is free to mean NIL (end of a
 * list, empty list) and a cleared control block has empty lists.
 *
 *   used:  [w0 = size | flags][chk] payload ...
 *   free:  [w0 = size | flags][chk][next][prev] ...           [footer = size]
 *
 * Flags: USED, and PFREE (the block before is free, so the word in front of
 * this header is that block's footer). Offsets and sizes are 32-bit.
 *
 * Check word: chk = w0 ^ key(o) for a used block, and
 * chk = w0 ^ key(o) ^ rotl7(next ^ prev) ^ FREE_TAG for a free one, where
 * key(o) = (o ^ secret) * secret is never zero (secret is odd, o is even).
 * Each stored word enters chk through a bijection, so a change confined to
 * one of them - in particular to one byte - always breaks the check, and
 * random data passes with probability 2^-32. Being linear, chk is patched
 * (not recomputed) when a link or flag changes: flip() XORs the same change
 * into the word and the check. Every header is verified before the heap
 * acts on it (docs/vheap.md).
 *
 * A free block's check read as a used one's is off by
 * rotl7(next ^ prev) ^ FREE_TAG, which has at least two non-zero bytes for
 * every pair of links (see FREE_TAG): so free() tells a corrupted live
 * header (off in one byte) from a free block (double free) from the header
 * word alone, without reading link words.
 *
 * Lists: one flat array of heads indexed by size class (index_of()), with a
 * bitmap over the lists and a bitmap over the bitmap's words, so the search
 * is two find-first-set. A heap has only the lists its span can use, so its
 * control block grows with the log of the span (vheap_control_size()).
 *
 * Code size matters (the Cortex-M budget is 1.2 KiB for init, alloc, aligned
 * alloc and free): every list change goes through unlink_free() and
 * insert_free(), every head change through set_head(), every flag or link
 * change through flip(), every neighbour's header check through verify();
 * alloc splits and free merges with those. Refusals share one cold log call
 * (report()).
 */
#include <errno.h>
#include <string.h>

#include <vregion/vheap.h>

#include "util.h"

/*
 * Sanitizer visibility: free blocks and headers are poisoned (ASan) or
 * no-access (Valgrind); alloc opens exactly the requested bytes. The heap's
 * own metadata accesses are unchecked: ASan skips rd()/wr(), and under
 * Valgrind (detected once per heap at init) error reporting is suspended for
 * the duration of each call. Without either tool all of this is nothing.
 */
#if defined(VREGION_ASAN)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define NO_ASAN __attribute__((no_sanitize_address))
#define QUIET(h) ((void)(h))
#define LOUD(h) ((void)(h))
#elif defined(VREGION_VALGRIND)
#include <valgrind/memcheck.h>
#define VG 1u
#define POISON(p, n)                                                                     \
	do {                                                                             \
		if (h->flags & VG)                                                       \
			(void)VALGRIND_MAKE_MEM_NOACCESS((p), (n));                      \
	} while (0)
#define UNPOISON(p, n)                                                                   \
	do {                                                                             \
		if (h->flags & VG)                                                       \
			(void)VALGRIND_MAKE_MEM_UNDEFINED((p), (n));                     \
	} while (0)
#define QUIET(h)                                                                         \
	do {                                                                             \
		if ((h)->flags & VG)                                                     \
			VALGRIND_DISABLE_ERROR_REPORTING;                                \
	} while (0)
#define LOUD(h)                                                                          \
	do {                                                                             \
		if ((h)->flags & VG)                                                     \
			VALGRIND_ENABLE_ERROR_REPORTING;                                 \
	} while (0)
#define NO_ASAN
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define QUIET(h) ((void)(h))
#define LOUD(h) ((void)(h))
#define NO_ASAN
#endif

/*
 * Hot helpers are inlined when optimising for speed. At -Os the compiler
 * chooses for HOT ones, and SHARED ones stay out of line (one copy).
 */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(__OPTIMIZE_SIZE__)
#define HOT static inline __attribute__((always_inline))
#define SHARED HOT
#elif defined(__GNUC__) || defined(__clang__)
#define HOT static inline
#define SHARED static __attribute__((noinline))
#else
#define HOT static inline
#define SHARED static
#endif
#if defined(__GNUC__) || defined(__clang__)
#define COLD __attribute__((cold, noinline))
#else
#define COLD
#endif

#define A ((uint32_t)VHEAP_ALIGN)
#define HDR VHEAP_HEADER
#define MINB VHEAP_MIN_BLOCK
#define SL_LOG VHEAP_SL_LOG
#define FL_SHIFT (VHEAP_SL_LOG + VHEAP_ALIGN_LOG)
#define SMALL (1u << FL_SHIFT)
#define USED 1u
#define PFREE 2u
#define SIZE_MASK (~(A - 1u))
#define NIL 0u /* no block has offset 0: the first header is at HDR */
#define NEXT 8u /* field offsets in a free block */
#define PREV 12u
/*
 * Links are header offsets below 2^31 (multiples of 8: 0 mod 8 on 32-bit
 * targets, 8 mod 16 on 64-bit ones) or NIL (0): bits 31 and 0-2 of next ^
 * prev are always clear. rotl7() moves them to bits 6-9, so
 * rotl7(next ^ prev) ^ FREE_TAG (bits 6 and 8) always has bits 6 and 8 set:
 * a non-zero byte 0 and a non-zero byte 1 for any links. (Rotated, the tag
 * is a Thumb-2 immediate; bits 31 and 0 unrotated would not be.)
 */
#define FREE_TAG 0x00000140u

_Static_assert(VHEAP_MAX_SPAN_LOG <= 31, "offsets and rounding need 32 bits");
_Static_assert(VHEAP_SL_LOG >= 2 && VHEAP_SL_LOG <= 5, "classes of at most 32 lists");
_Static_assert(VHEAP_MAP_WORDS <= 32, "the bitmap over map words is 32 bits");

static inline unsigned fls32(uint32_t x) /* highest set bit; x != 0 */
{
#if defined(__GNUC__) || defined(__clang__)
	return 31u - (unsigned)__builtin_clz(x);
#else
	unsigned n = 0;
	while (x >>= 1)
		n++;
	return n;
#endif
}

static inline unsigned ffs32(uint32_t x) /* lowest set bit; x != 0 */
{
#if defined(__GNUC__) || defined(__clang__)
	return (unsigned)__builtin_ctz(x);
#else
	return fls32(x & (0u - x));
#endif
}

NO_ASAN static inline uint32_t rd(const struct vheap *h, uint32_t off)
{
	return *(const uint32_t *)(const void *)(h->base + off);
}

NO_ASAN static inline void wr(struct vheap *h, uint32_t off, uint32_t v)
{
	*(uint32_t *)(void *)(h->base + off) = v;
}

/* Links enter a free block's check rotated (see FREE_TAG). */
static inline uint32_t rotl7(uint32_t x)
{
	return (x << 7) | (x >> 25);
}

/* Per-offset key; the multiplier is the heap's own odd secret (no constant to load). */
static inline uint32_t key(const struct vheap *h, uint32_t off)
{
	return (off ^ h->secret) * h->secret;
}

/*
 * List of a block of @size bytes: below SMALL one list per VHEAP_ALIGN
 * bytes, then VHEAP_SL_COUNT lists per power of two. Forcing the SMALL bit
 * into the highest-bit search makes both ranges one formula: for a small
 * size t = FL_SHIFT and the index is size / VHEAP_ALIGN.
 */
HOT unsigned index_of(uint32_t size)
{
	unsigned t = fls32(size | SMALL);
	return ((t - FL_SHIFT) << SL_LOG) + (size >> (t - SL_LOG));
}

/* Lists a span of @span bytes uses: up to the class of a block of the whole span. */
static unsigned lists_for(uint32_t span)
{
	return index_of(span) + 1u;
}

/*
 * The first word of the block at @off when its header verifies - check
 * (with the links if the header says free), size at least MINB and within
 * the span - else 0 (a valid first word is never 0).
 */
HOT uint32_t verify(const struct vheap *h, uint32_t off)
{
	uint32_t lim = h->end - MINB; /* the last offset where a block fits */
	if (off > lim)
		return 0;
	uint32_t w0 = rd(h, off), d = rd(h, off + 4) ^ w0 ^ key(h, off), size = w0 & SIZE_MASK;
	if (!(w0 & USED)) /* free: the links are ours and part of the check */
		d ^= rotl7(rd(h, off + NEXT) ^ rd(h, off + PREV)) ^ FREE_TAG;
	/* MINB <= size <= end - off in one test: below MINB the difference wraps. */
	return !d && size - MINB <= lim - off ? w0 : 0;
}

/* Write a used header (w0 = USED, size 0, makes a dead header: see free_impl()). */
SHARED void put_used(struct vheap *h, uint32_t off, uint32_t w0)
{
	wr(h, off, w0);
	wr(h, off + 4, w0 ^ key(h, off));
}

/*
 * Flip bits @x of one header word (@field: 0 for w0, NEXT or PREV) of the
 * block at @off, patching its check the same way (links enter it rotated).
 * A valid header stays valid; a damaged one stays exactly as damaged and is
 * caught when that block itself is verified. Callers know the old value
 * (a back link just checked, a flag the invariants fix), so flipping old ^ new
 * is a write of new without reading or trusting anything else.
 */
SHARED void flip(struct vheap *h, uint32_t off, uint32_t field, uint32_t x)
{
	wr(h, off + field, rd(h, off + field) ^ x);
	wr(h, off + 4, rd(h, off + 4) ^ (field ? rotl7(x) : x));
}

/*
 * Log what the heap refuses, and return @err: -EFAULT for a corrupted header
 * at @at, -EINVAL for a free of @at, which is not a live block. One cold
 * copy of the log call for both.
 */
COLD static int report(int err, const void *at)
{
	VR_LOG(err == -EFAULT ? VR_LOG_ERR : VR_LOG_WARN, "vheap: error %d at %p", err, at);
	return err;
}

/* A corrupted header at @off: -EFAULT, counted and logged. */
COLD static int corrupt(struct vheap *h, uint32_t off)
{
	h->corruptions++;
	return report(-EFAULT, h->base + off);
}

/* --- free lists --- */

/*
 * Make @off (NIL: none) the head of the list of blocks of @size bytes, keep
 * both bitmaps in step, return the old head.
 */
SHARED uint32_t set_head(struct vheap *h, uint32_t size, uint32_t off)
{
	unsigned i = index_of(size);
	uint32_t *m = &h->map[i / 32u], bit = 1u << (i % 32u), word = 1u << (i / 32u);
	uint32_t old = h->head[i];
	h->head[i] = off;
	*m = off == NIL ? *m & ~bit : *m | bit;
	h->top = *m ? h->top | word : h->top & ~word;
	return old;
}

/*
 * Take the free block at @off out of its list; @w0 is what verify() returned
 * for it (0, or a used block's word, is refused here: -EFAULT, counted).
 * Its list neighbours are not verified, but must point back to it; nothing
 * is written unless they do (else -EFAULT, counted, and the block stays out
 * of use). Their links are changed by patching (flip()), and every
 * offset written to comes from a verified header or the control block.
 */
SHARED int unlink_free(struct vheap *h, uint32_t off, uint32_t w0)
{
	if (!w0 || (w0 & USED)) /* not a verified free block */
		return corrupt(h, off);
	uint32_t next = rd(h, off + NEXT), prev = rd(h, off + PREV), lim = h->end - MINB;
	if (next != NIL && (next > lim || rd(h, next + PREV) != off))
		return corrupt(h, off);
	if (prev != NIL) {
		if (prev > lim || rd(h, prev + NEXT) != off)
			return corrupt(h, off);
		flip(h, prev, NEXT, off ^ next); /* its next was @off */
	} else {
		if (h->head[index_of(w0)] != off) /* a free block's w0 is its bare size */
			return corrupt(h, off);
		set_head(h, w0, next);
	}
	if (next != NIL)
		flip(h, next, PREV, off ^ prev); /* its prev was @off */
	return 0;
}

/*
 * Write a free block of @size at @off (the block before it is used: w0 is
 * the bare size) with its footer, and push it on its list. The old head's
 * back link (NIL) is flipped to @off, not verified: if that header is
 * damaged it stays exactly as damaged (word and check change alike), so it
 * is caught when that block is verified or unlinked, and the offset
 * written to comes from the control block.
 */
SHARED void insert_free(struct vheap *h, uint32_t off, uint32_t size)
{
	uint32_t next = set_head(h, size, off);
	if (next != NIL)
		flip(h, next, PREV, off); /* a head's prev is NIL (0) */
	wr(h, off, size);
	wr(h, off + NEXT, next);
	wr(h, off + PREV, NIL);
	wr(h, off + 4, size ^ rotl7(next) ^ FREE_TAG ^ key(h, off)); /* prev is NIL (0) */
	wr(h, off + size - 4, size);
}

/*
 * A free block of at least @need bytes (need <= span), or NIL: the head of
 * the list of @need if it is large enough, else the head of the first
 * non-empty list above, where every block fits (good fit, O(1)). The size
 * read from the head is only a hint: the caller verifies the block.
 */
static uint32_t find_free(const struct vheap *h, uint32_t need)
{
	/*
	 * A free block's w0 is its bare size. For an empty list (head NIL = 0)
	 * this reads the unused word at the origin: whatever it says, the
	 * search below finds the same list, as list i's map bit is clear.
	 */
	const uint32_t *head = h->head, *map = h->map;
	unsigned i = index_of(need);
	if (rd(h, head[i]) < need)
		i++; /* may be the first list past the span's: its map bit is clear */
	unsigned w = i / 32u;
	uint32_t m = map[w] & (~0u << (i % 32u));
	if (!m) {
		m = h->top & (~1u << w);
		if (!m)
			return NIL;
		w = ffs32(m);
		m = map[w];
	}
	return head[w * 32u + ffs32(m)];
}

/* --- init --- */

size_t vheap_control_size(size_t bytes)
{
	if (bytes > VHEAP_MAX_SPAN)
		bytes = VHEAP_MAX_SPAN;
	return offsetof(struct vheap, head) + lists_for((uint32_t)bytes) * sizeof(uint32_t);
}

int vheap_init(struct vheap *h, void *mem, size_t bytes)
{
	if (!h || !mem)
		return -EINVAL;
	uintptr_t a = (uintptr_t)mem;
	if (bytes > UINTPTR_MAX - a)
		return -EINVAL;
	/*
	 * The origin is the first aligned address; the first header sits HDR
	 * bytes after it (so its payload is aligned and no block has offset 0,
	 * which is NIL). The HDR bytes in front belong to no block.
	 */
	uintptr_t start = vr_align_up(a, A);
	/* Blocks fill [start + HDR, a + bytes) in whole A; too small a buffer wraps to huge. */
	size_t span = (size_t)(vr_align_down(a + bytes - HDR, A) - start);
	if (span < MINB || span > VHEAP_MAX_SPAN)
		return -EINVAL;

	/* Only the lists this span uses (vheap_init_sized() relies on it); NIL is 0. */
	memset(h, 0, offsetof(struct vheap, head) + lists_for((uint32_t)span) * sizeof(uint32_t));
#if defined(VREGION_VALGRIND) && !defined(VREGION_ASAN)
	h->flags = RUNNING_ON_VALGRIND ? VG : 0u;
#endif
	h->base = (unsigned char *)start;
	h->end = (uint32_t)span + HDR;
	/* A key per heap and placement: a header copied from elsewhere fails. */
	uint32_t s = ((uint32_t)start ^ (uint32_t)((uintptr_t)h >> 3) ^ h->end) * 0x2C1B3C6Du;
	h->secret = (s ^ (s >> 15)) | 1u;
	QUIET(h);
	POISON(h->base, h->end);
	insert_free(h, HDR, (uint32_t)span);
	LOUD(h);
	return 0;
}

/* The span never exceeds @bytes, so vheap_control_size(bytes) covers its lists. */
int vheap_init_sized(struct vheap *h, size_t control_bytes, void *mem, size_t bytes)
{
	if (control_bytes < vheap_control_size(bytes))
		return -EINVAL;
	return vheap_init(h, mem, bytes);
}

void vheap_fini(struct vheap *h)
{
	if (h && h->base)
		UNPOISON(h->base, h->end);
}

/* --- alloc --- */

/*
 * Count a failed allocation. Inline on purpose: the compiler merges the
 * failure exits of alloc_impl() into one copy next to its entry checks,
 * which is shorter at -Os than a cold call reached by long branches.
 */
static inline void *fail(struct vheap *h)
{
	h->alloc_failures++;
	return NULL;
}

/*
 * @bytes > 0, @align a power of two >= A. One search serves both plain and
 * aligned requests: an aligned one asks for room for the worst leading gap
 * (align + MINB - A), and the gap in front of the aligned payload goes back
 * to the lists the same way as the tail: through insert_free().
 */
static void *alloc_impl(struct vheap *h, size_t bytes, size_t align)
{
	/*
	 * bytes <= end and align < end keep every sum below 2^32 (end <= 2^31);
	 * need < end then says the request fits the span. align, need and the
	 * span are multiples of A, so "x < end" (end = span + HDR) means x <= span.
	 */
	if (bytes > h->end || align >= h->end)
		return fail(h);
	uint32_t bs = ((uint32_t)bytes + HDR + A - 1u) & SIZE_MASK;
	if (bs < MINB)
		bs = MINB;
	uint32_t need = align > A ? bs + (uint32_t)align + MINB - A : bs;
	uint32_t off = need < h->end ? find_free(h, need) : NIL;
	if (off == NIL)
		return fail(h);
	uint32_t w0 = verify(h, off);
	if (unlink_free(h, off, w0))
		return fail(h);

	/* Verified and in the list of its size: size >= need >= gap + bs. */
	uint32_t size = w0, flags = USED; /* a free block's w0 is its bare size */
	uint32_t gap = (0u - (uint32_t)(uintptr_t)(h->base + off + HDR)) & (uint32_t)(align - 1u);
	if (gap) {
		/* No gap, or one that holds a free block: align one step further if needed. */
		if (gap < MINB)
			gap += (uint32_t)align;
		insert_free(h, off, gap);
		off += gap;
		size -= gap;
		flags |= PFREE;
	}
	if (size - bs >= MINB) {
		insert_free(h, off + bs, size - bs); /* its successor keeps PFREE */
	} else {
		bs = size;
		if (off + size < h->end) /* the successor of a free block has PFREE */
			flip(h, off + size, 0, PFREE);
	}
	put_used(h, off, bs | flags);
	h->used += bs;
	if (h->used > h->peak)
		h->peak = h->used;
	h->live_blocks++;
	unsigned char *p = h->base + off + HDR;
	UNPOISON(p, bytes);
	return p;
}

void *vheap_alloc_align(struct vheap *h, size_t bytes, size_t align)
{
	if ((align & (align - 1u)) || !h || !bytes)
		return NULL; /* a non-power-of-two alignment is refused, not a failure */
	QUIET(h);
	void *p = alloc_impl(h, bytes, align < A ? A : align);
	LOUD(h);
	return p;
}

void *vheap_alloc(struct vheap *h, size_t bytes)
{
	return vheap_alloc_align(h, bytes, 0);
}

/* --- free --- */

/*
 * True when @p (a pointer less h->base and HDR) is not the header offset of
 * a possible payload: aligned, from the first header (below it p - HDR wraps
 * to a huge value) to the last place a block fits.
 */
static bool not_header(const struct vheap *h, uintptr_t p)
{
	return p - HDR > h->end - HDR - MINB || ((p - HDR) & (A - 1u));
}

/* Offset of the header for @ptr when it could be a payload, else NIL. */
static uint32_t header_of(const struct vheap *h, const void *ptr)
{
	uintptr_t p = (uintptr_t)ptr - (uintptr_t)h->base - HDR;
	return not_header(h, p) ? NIL : (uint32_t)p;
}

/* True when @x has exactly one non-zero byte: the mark of a one-byte change. */
static bool one_byte(uint32_t x)
{
	/* Shift the highest non-zero byte to the top; nothing may be left below it. */
	return x && !((x << ((31u - fls32(x)) & 24u)) << 8);
}

/* A free of @ptr, which is not a live block: -EINVAL, counted and logged. */
COLD static int invalid(struct vheap *h, const void *ptr)
{
	h->invalid_frees++;
	return report(-EINVAL, ptr);
}

/*
 * Verify the block from its header word alone and both physical neighbours
 * (the one before through its footer: a free block's first word is its bare
 * size) before writing anything; then unlink the free neighbours and insert
 * the merged block. A block merged into the one before leaves a dead header
 * (USED, size 0), so a later free of it is refused; one merged from behind
 * leaves its free header, which a later free reads as a free block.
 *
 * A pointer whose header fails the used-block check: a check off in exactly
 * one byte is a corrupted live header (-EFAULT); anything else - a free
 * block (double free), a dead header, an interior or foreign pointer - is
 * not a live block (-EINVAL). Only the header's two words are read.
 */
static int free_impl(struct vheap *h, void *ptr)
{
	uintptr_t p = (uintptr_t)ptr - (uintptr_t)h->base - HDR;
	if (not_header(h, p))
		return invalid(h, ptr);
	uint32_t off = (uint32_t)p, nw = USED, psz = 0, bad;
	int rc;
	uint32_t w0 = rd(h, off), d = rd(h, off + 4) ^ w0 ^ key(h, off);
	uint32_t size = w0 & SIZE_MASK, nxt = off + size;
	bad = off;
	if (d || !(w0 & USED) || size - MINB > h->end - MINB - off) { /* as in verify() */
		if (one_byte(d))
			goto fault;
		return invalid(h, ptr);
	}
	bad = nxt; /* a used block's successor never has PFREE */
	if (nxt < h->end && (!(nw = verify(h, nxt)) || (nw & PFREE)))
		goto fault;
	bad = off;
	if (w0 & PFREE) {
		/*
		 * The first block's "footer" is in the HDR bytes before it, which
		 * belong to no block: whatever it says fails (psz 0 finds this
		 * used block, anything else points before the first header).
		 */
		psz = rd(h, off - 4);
		if (psz > off - HDR || verify(h, off - psz) != psz)
			goto fault;
		if ((rc = unlink_free(h, off - psz, psz)))
			return rc;
		put_used(h, off, USED);
	}
	uint32_t merged = size + psz;
	if (nw & USED) {
		if (nxt < h->end) /* verified above: its PFREE is clear */
			flip(h, nxt, 0, PFREE);
	} else if ((rc = unlink_free(h, nxt, nw))) {
		return rc;
	} else {
		merged += nw;
	}
	POISON(ptr, size - HDR);
	h->used -= size;
	h->live_blocks--;
	insert_free(h, off - psz, merged);
	return 0;
fault:
	return corrupt(h, bad);
}

int vheap_free(struct vheap *h, void *ptr)
{
	if (!ptr)
		return 0;
	if (!h)
		return -EINVAL;
	QUIET(h);
	int rc = free_impl(h, ptr);
	LOUD(h);
	return rc;
}

/* --- queries --- */

size_t vheap_usable_size(const struct vheap *h, const void *ptr)
{
	uint32_t off, w0 = 0;
	if (!h || !ptr || (off = header_of(h, ptr)) == NIL)
		return 0;
	QUIET(h);
	w0 = verify(h, off);
	LOUD(h);
	return (w0 & USED) ? (w0 & SIZE_MASK) - HDR : 0;
}

bool vheap_contains(const struct vheap *h, const void *ptr)
{
	if (!h || !h->base)
		return false;
	uintptr_t p = (uintptr_t)ptr, b = (uintptr_t)h->base;
	return p >= b && p - b < h->end;
}

/* Smallest block size of list @i (the inverse of index_of()). */
static uint32_t list_floor(unsigned i)
{
	unsigned fl = i >> SL_LOG, sl = i & (VHEAP_SL_COUNT - 1u);
	return fl ? (VHEAP_SL_COUNT + sl) << (fl + VHEAP_ALIGN_LOG - 1u) : sl << VHEAP_ALIGN_LOG;
}

void vheap_stats(const struct vheap *h, struct vheap_stats *st)
{
	if (!h || !st)
		return;
	st->span = h->end - HDR;
	st->used = h->used;
	st->peak = h->peak;
	st->free_bytes = h->end - HDR - h->used;
	st->largest_free = 0;
	if (h->top) {
		/* The head of the highest list: exactly what vheap_alloc() can serve. */
		unsigned w = fls32(h->top), i = w * 32u + fls32(h->map[w]);
		uint32_t size = list_floor(i), w0;
		QUIET(h);
		w0 = verify(h, h->head[i]);
		LOUD(h);
		if (w0)
			size = w0 & SIZE_MASK;
		st->largest_free = size - HDR;
	}
	st->live_blocks = h->live_blocks;
	st->alloc_failures = h->alloc_failures;
	st->invalid_frees = h->invalid_frees;
	st->corruptions = h->corruptions;
}

/* --- validation --- */

static int vfail(const struct vheap *h, uint32_t off, const char *what)
{
	VR_LOG(VR_LOG_ERR, "vheap %p: validate: %s at %p", (void *)h, what,
	       (void *)(h->base + off));
	return -EFAULT;
}

/* Walk the blocks in address order; count the free ones. */
static int walk_blocks(const struct vheap *h, uint32_t *nfree)
{
	uint32_t off = HDR, size, w0;
	size_t used = 0, live = 0;
	bool prev_free = false;
	*nfree = 0;
	while (off < h->end) {
		if (!(w0 = verify(h, off)))
			return vfail(h, off, "block header");
		size = w0 & SIZE_MASK;
		if (w0 & USED) {
			used += size;
			live++;
		} else {
			if (prev_free)
				return vfail(h, off, "two adjacent free blocks");
			if (rd(h, off + size - 4) != size)
				return vfail(h, off, "free block footer");
			(*nfree)++;
		}
		if (((w0 & PFREE) != 0) != prev_free)
			return vfail(h, off, "previous-free flag");
		prev_free = !(w0 & USED);
		off += size;
	}
	if (used != h->used || live != h->live_blocks)
		return vfail(h, 0, "used/live counters");
	return 0;
}

/* Walk list @i; *listed counts blocks, bounded by the free blocks seen. */
static int walk_list(const struct vheap *h, unsigned i, uint32_t nfree, uint32_t *listed)
{
	uint32_t x = h->head[i], prev = NIL, w0;
	if ((x != NIL) != (((h->map[i / 32u] >> (i % 32u)) & 1u) != 0))
		return vfail(h, 0, "list bitmap");
	while (x != NIL) {
		if (++*listed > nfree)
			return vfail(h, x, "free-list cycle or stray block");
		if (((x - HDR) & (A - 1u)) || !(w0 = verify(h, x)) || (w0 & USED))
			return vfail(h, x, "free-list block");
		if (rd(h, x + PREV) != prev)
			return vfail(h, x, "free-list back link");
		if (index_of(w0 & SIZE_MASK) != i)
			return vfail(h, x, "free block in the wrong list");
		prev = x;
		x = rd(h, x + NEXT);
	}
	return 0;
}

static int validate(const struct vheap *h)
{
	uint32_t nfree, listed = 0;
	unsigned lists = lists_for(h->end - HDR);
	int rc = walk_blocks(h, &nfree);
	if (rc)
		return rc;
	for (unsigned w = 0; w < VHEAP_MAP_WORDS; w++) {
		/* No bit for a list the span does not have; top mirrors the words. */
		uint32_t beyond = lists >= 32u * (w + 1u) ? 0u
				  : lists <= 32u * w	  ? ~0u
							  : ~0u << (lists % 32u);
		if ((h->map[w] & beyond) || ((h->top >> w) & 1u) != (h->map[w] != 0))
			return vfail(h, 0, "bitmaps");
	}
	if (VHEAP_MAP_WORDS < 32 && (h->top >> (VHEAP_MAP_WORDS % 32u)))
		return vfail(h, 0, "bitmaps");
	for (unsigned i = 0; i < lists; i++) {
		rc = walk_list(h, i, nfree, &listed);
		if (rc)
			return rc;
	}
	if (listed != nfree)
		return vfail(h, 0, "free block missing from the lists");
	return 0;
}

int vheap_validate(const struct vheap *h)
{
	if (!h || !h->base)
		return -EFAULT;
	QUIET(h);
	int rc = validate(h);
	LOUD(h);
	return rc;
}
