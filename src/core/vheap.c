/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vheap: two-level segregated fit over one span, with checked headers.
 *
 * Block at byte offset o (from h->base; payload at o + 8, VHEAP_ALIGN-aligned):
 *
 *   used:  [w0: size | flags][chk] payload ...
 *   free:  [w0: size | flags][chk][next][prev] ...          [footer = size]
 *
 * w0 flags: USED, PFREE (the physically previous block is free; then the
 * word just before the header is that block's footer). All offsets and
 * sizes are 32-bit; NIL (~0) ends a list.
 *
 * Check word: chk = w0 ^ key(o) for a used block, and additionally
 * ^ next ^ rotl(prev, 16) for a free one; key(o) = (o ^ secret) * odd, never
 * zero. Each stored byte enters chk through an injective map, so any change
 * confined to one header byte (or one link byte) always breaks the check,
 * and random data passes with probability 2^-32. Being linear, a link or flag
 * change updates chk without recomputing key(o).
 */
#include <errno.h>
#include <string.h>

#include <vregion/vheap.h>

#include "util.h"

#if defined(VREGION_ASAN)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define A ((uint32_t)VHEAP_ALIGN)
#define HDR VHEAP_HEADER
#define MINB VHEAP_MIN_BLOCK
#define SL_LOG VHEAP_SL_LOG
#define SL_COUNT VHEAP_SL_COUNT
#define FL_SHIFT (VHEAP_SL_LOG + VHEAP_ALIGN_LOG)
#define SMALL (1u << FL_SHIFT)
#define USED 1u
#define PFREE 2u
#define SIZE_MASK (~(A - 1u))
#define NIL 0xFFFFFFFFu
#define KEY_MUL 0x9E3779B1u

_Static_assert(VHEAP_MAX_SPAN_LOG <= 31, "offsets and rounding need 32 bits");
_Static_assert(VHEAP_SL_LOG >= 2 && VHEAP_SL_LOG <= 5, "sub-list bitmap is 32 bits");
_Static_assert(VHEAP_FL_COUNT <= 32, "first-level bitmap is 32 bits");

static inline unsigned fls32(uint32_t x) /* index of the highest set bit, x != 0 */
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

static inline unsigned ffs32(uint32_t x) /* index of the lowest set bit, x != 0 */
{
#if defined(__GNUC__) || defined(__clang__)
	return (unsigned)__builtin_ctz(x);
#else
	return fls32(x & (0u - x));
#endif
}

static inline uint32_t rotl16(uint32_t x)
{
	return (x << 16) | (x >> 16);
}

/* --- header access: the heap's own metadata, hidden from sanitizers at rest --- */

static inline uint32_t *wp(const struct vheap *h, uint32_t off)
{
	return (uint32_t *)(void *)(h->base + off);
}

/*
 * Headers, links and footers stay poisoned for sanitizers; the heap reads
 * them (and, when probing a pointer it was given, possibly user data) with
 * accesses the sanitizer does not check, so probing never changes what the
 * user may access.
 */
#if defined(VREGION_ASAN)
#define NO_ASAN __attribute__((no_sanitize_address))
#else
#define NO_ASAN
#endif

NO_ASAN static uint32_t rd(const struct vheap *h, uint32_t off)
{
	return *wp(h, off);
}

NO_ASAN static void wr(struct vheap *h, uint32_t off, uint32_t v)
{
	*wp(h, off) = v;
}

static inline uint32_t key(const struct vheap *h, uint32_t off)
{
	return (off ^ h->secret) * KEY_MUL;
}

/* A free block read and verified: w0, links. */
struct fblk {
	uint32_t w0, next, prev;
};

static void report(struct vheap *h, uint32_t off, const char *what)
{
	h->corruptions++;
	vr_log(VR_LOG_ERR, "vheap %p: corrupted %s at %p", (void *)h, what,
	       (void *)(h->base + off));
}

/* Expected check of a used header. */
static inline uint32_t chk_used(const struct vheap *h, uint32_t off, uint32_t w0)
{
	return w0 ^ key(h, off);
}

/* Expected check of a free header with its links. */
static inline uint32_t chk_free(const struct vheap *h, uint32_t off, const struct fblk *b)
{
	return b->w0 ^ b->next ^ rotl16(b->prev) ^ key(h, off);
}

/* Read the free block at @off and verify it: check, flags, size within span. */
static bool get_free(const struct vheap *h, uint32_t off, struct fblk *b)
{
	b->w0 = rd(h, off);
	b->next = rd(h, off + 8);
	b->prev = rd(h, off + 12);
	uint32_t size = b->w0 & SIZE_MASK;
	return rd(h, off + 4) == chk_free(h, off, b) && !(b->w0 & (USED | PFREE)) &&
	       size >= MINB && size <= h->span - off;
}

/* Read the used header at @off and verify it; *w0 gets its first word. */
static bool get_used(const struct vheap *h, uint32_t off, uint32_t *w0)
{
	*w0 = rd(h, off);
	uint32_t size = *w0 & SIZE_MASK;
	return rd(h, off + 4) == chk_used(h, off, *w0) && (*w0 & USED) && size >= MINB &&
	       size <= h->span - off;
}

static void put_used(struct vheap *h, uint32_t off, uint32_t w0)
{
	wr(h, off, w0);
	wr(h, off + 4, chk_used(h, off, w0));
}

/* --- size classes --- */

static inline void mapping(uint32_t size, unsigned *fl, unsigned *sl)
{
	if (size < SMALL) {
		*fl = 0;
		*sl = size >> VHEAP_ALIGN_LOG;
	} else {
		unsigned t = fls32(size);
		*fl = t - FL_SHIFT + 1u;
		*sl = (unsigned)(size >> (t - SL_LOG)) - SL_COUNT;
	}
}

/* Smallest block size of class (fl, sl). */
static inline uint32_t class_low(unsigned fl, unsigned sl)
{
	if (fl == 0)
		return (uint32_t)sl << VHEAP_ALIGN_LOG;
	return (SL_COUNT + sl) << (fl + VHEAP_ALIGN_LOG - 1u);
}

/* --- free lists --- */

/*
 * Take the verified free block @b at @off out of its list. Its list
 * neighbours are verified (and must point back at it) before anything is
 * written; false (nothing written) when one of them is corrupted.
 */
static bool unlink_block(struct vheap *h, uint32_t off, const struct fblk *b)
{
	struct fblk n, p;
	unsigned fl, sl;
	mapping(b->w0 & SIZE_MASK, &fl, &sl);
	if (b->next != NIL) {
		if (b->next > h->span - MINB || !get_free(h, b->next, &n) || n.prev != off) {
			report(h, b->next, "free-list neighbour");
			return false;
		}
	}
	if (b->prev != NIL) {
		if (b->prev > h->span - MINB || !get_free(h, b->prev, &p) || p.next != off) {
			report(h, b->prev, "free-list neighbour");
			return false;
		}
	} else if (h->head[fl][sl] != off) {
		report(h, off, "free-list head");
		return false;
	}
	if (b->next != NIL) {
		wr(h, b->next + 12, b->prev);
		wr(h, b->next + 4, rd(h, b->next + 4) ^ rotl16(off) ^ rotl16(b->prev));
	}
	if (b->prev != NIL) {
		wr(h, b->prev + 8, b->next);
		wr(h, b->prev + 4, rd(h, b->prev + 4) ^ off ^ b->next);
	} else {
		h->head[fl][sl] = b->next;
		if (b->next == NIL) {
			h->sl_map[fl] &= ~(1u << sl);
			if (!h->sl_map[fl])
				h->fl_map &= ~(1u << fl);
		}
	}
	return true;
}

/*
 * Write a free block of @size at @off (its predecessor is used), its footer,
 * and push it on its list. The old list head is verified first; when it is
 * corrupted the block is still written but left out of the lists (never
 * reused) and false returned.
 */
static bool insert_block(struct vheap *h, uint32_t off, uint32_t size)
{
	unsigned fl, sl;
	mapping(size, &fl, &sl);
	uint32_t head = h->head[fl][sl];
	struct fblk b = {size, head, NIL}, o;
	bool ok = true;
	if (head != NIL) {
		if (!get_free(h, head, &o) || o.prev != NIL) {
			report(h, head, "free-list head");
			ok = false;
			b.next = NIL;
		}
	}
	wr(h, off, size);
	wr(h, off + 8, b.next);
	wr(h, off + 12, NIL);
	wr(h, off + 4, chk_free(h, off, &b));
	wr(h, off + size - 4, size);
	if (!ok)
		return false;
	if (head != NIL) {
		wr(h, head + 12, off);
		wr(h, head + 4, rd(h, head + 4) ^ rotl16(NIL) ^ rotl16(off));
	}
	h->head[fl][sl] = off;
	h->sl_map[fl] |= 1u << sl;
	h->fl_map |= 1u << fl;
	return true;
}

/*
 * Offset of a free block of at least @size bytes, or NIL. Tries the head of
 * the class of @size, then the first non-empty class above it (every block
 * there is large enough): good fit, O(1).
 */
static uint32_t find_block(const struct vheap *h, uint32_t size)
{
	unsigned fl, sl;
	mapping(size, &fl, &sl);
	uint32_t x = h->head[fl][sl];
	if (x != NIL && (rd(h, x) & SIZE_MASK) >= size)
		return x;
	uint32_t m = h->sl_map[fl] & (~1u << sl);
	if (!m) {
		m = h->fl_map & (~1u << fl);
		if (!m)
			return NIL;
		fl = ffs32(m);
		m = h->sl_map[fl];
	}
	return h->head[fl][ffs32(m)];
}

/* --- init --- */

int vheap_init(struct vheap *h, void *mem, size_t bytes)
{
	if (!h || !mem)
		return -EINVAL;
	uintptr_t a = (uintptr_t)mem;
	if (bytes > UINTPTR_MAX - a - 2u * A)
		return -EINVAL;
	uintptr_t start = vr_align_up(a + HDR, A) - HDR;
	if (start - a > bytes)
		return -EINVAL;
	size_t span = vr_align_down(bytes - (size_t)(start - a), A);
	if (span < MINB || span > VHEAP_MAX_SPAN)
		return -EINVAL;

	memset(h, 0, sizeof(*h));
	memset(h->head, 0xFF, sizeof(h->head));
	h->base = (unsigned char *)start;
	h->span = (uint32_t)span;
	/* A key per heap and placement, so a header copied from elsewhere fails. */
	uint32_t s = (uint32_t)start ^ (uint32_t)((uintptr_t)h >> 3) ^ (uint32_t)span;
	s = (s ^ (s >> 15)) * 0x2C1B3C6Du;
	h->secret = (s ^ (s >> 13)) | 1u;
	POISON(h->base, span);
	insert_block(h, 0, h->span);
	return 0;
}

void vheap_fini(struct vheap *h)
{
	if (h && h->base)
		UNPOISON(h->base, h->span);
}

/* --- alloc --- */

/* Block size for a request of @n bytes; 0 when it cannot fit any span. */
static uint32_t block_size(size_t n)
{
	if (n > VHEAP_MAX_SPAN - HDR)
		return 0;
	uint32_t bs = ((uint32_t)n + HDR + A - 1u) & SIZE_MASK;
	return bs < MINB ? MINB : bs;
}

static void *fail(struct vheap *h)
{
	h->alloc_failures++;
	return NULL;
}

/*
 * Carve a used block of @bs bytes, payload aligned to @align, out of the
 * free block at @off (which must hold it). Every header involved is verified
 * before the first write.
 */
static void *take(struct vheap *h, uint32_t off, uint32_t bs, size_t n, size_t align)
{
	struct fblk b;
	if (off > h->span - MINB || !get_free(h, off, &b)) {
		report(h, off, "free block header");
		return fail(h);
	}
	uint32_t size = b.w0 & SIZE_MASK, gap = 0;
	if (align > A) {
		uintptr_t p0 = (uintptr_t)(h->base + off + HDR);
		gap = (uint32_t)(vr_align_up(p0, align) - p0);
		if (gap && gap < MINB)
			gap = (uint32_t)(vr_align_up(p0 + MINB, align) - p0);
	}
	if (size < gap || size - gap < bs) {
		report(h, off, "free block size");
		return fail(h);
	}
	uint32_t rest = size - gap - bs, end = off + size, nw0 = 0;
	if (rest < MINB && end < h->span) {
		if (!get_used(h, end, &nw0) || !(nw0 & PFREE)) {
			report(h, end, "block header");
			return fail(h);
		}
	}
	if (!unlink_block(h, off, &b))
		return fail(h);

	uint32_t flags = USED;
	if (gap) {
		insert_block(h, off, gap);
		off += gap;
		flags |= PFREE;
	}
	if (rest >= MINB) {
		insert_block(h, off + bs, rest);
	} else {
		bs += rest;
		if (end < h->span)
			put_used(h, end, nw0 & ~PFREE);
	}
	put_used(h, off, bs | flags);
	h->used += bs;
	if (h->used > h->peak)
		h->peak = h->used;
	h->live_blocks++;
	unsigned char *p = h->base + off + HDR;
	UNPOISON(p, n);
	return p;
}

void *vheap_alloc(struct vheap *h, size_t bytes)
{
	if (!h || !bytes)
		return NULL;
	uint32_t bs = block_size(bytes);
	if (!bs || bs > h->span)
		return fail(h);
	uint32_t off = find_block(h, bs);
	if (off == NIL)
		return fail(h);
	return take(h, off, bs, bytes, A);
}

void *vheap_alloc_align(struct vheap *h, size_t bytes, size_t align)
{
	if (!vr_is_pow2(align) && align)
		return NULL;
	if (align <= A)
		return vheap_alloc(h, bytes);
	if (!h || !bytes)
		return NULL;
	uint32_t bs = block_size(bytes);
	if (!bs || align > h->span || bs > h->span - (uint32_t)align)
		return fail(h);
	/* Worst case: a gap of MINB + align - A before the aligned payload. */
	uint32_t need = bs + (uint32_t)align + MINB - A;
	if (need > h->span)
		return fail(h);
	uint32_t off = find_block(h, need);
	if (off == NIL)
		return fail(h);
	return take(h, off, bs, bytes, align);
}

/* --- free --- */

/* Offset of the header for @ptr when it could be a payload, else NIL. */
static uint32_t header_of(const struct vheap *h, const void *ptr)
{
	uintptr_t p = (uintptr_t)ptr, b = (uintptr_t)h->base;
	if (p < b + HDR || p - b - HDR > h->span - MINB || ((p - b - HDR) & (A - 1u)))
		return NIL;
	return (uint32_t)(p - b - HDR);
}

/* True when @x has exactly one non-zero byte: the mark of a one-byte change. */
static bool one_byte(uint32_t x)
{
	return x && ((x & 0xFFu) == x || (x & 0xFF00u) == x || (x & 0xFF0000u) == x ||
		(x & 0xFF000000u) == x);
}

/*
 * Classify a header at @off whose used check failed: a stale or free header
 * (double free), a header damaged in one byte (corruption), or data that is
 * not a header (interior or foreign pointer). Returns -EINVAL or -EFAULT.
 */
static int bad_header(struct vheap *h, uint32_t off, uint32_t w0, uint32_t chk)
{
	struct fblk b = {w0, rd(h, off + 8), rd(h, off + 12)};
	uint32_t df = chk ^ chk_free(h, off, &b);
	if (df == 0) {
		h->invalid_frees++;
		vr_log(VR_LOG_WARN, "vheap %p: double free of %p", (void *)h,
		       (void *)(h->base + off + HDR));
		return -EINVAL;
	}
	if (one_byte(chk ^ chk_used(h, off, w0)) || one_byte(df)) {
		report(h, off, "block header");
		return -EFAULT;
	}
	h->invalid_frees++;
	vr_log(VR_LOG_WARN, "vheap %p: free of %p, not a block", (void *)h,
	       (void *)(h->base + off + HDR));
	return -EINVAL;
}

static int invalid(struct vheap *h, const void *ptr)
{
	h->invalid_frees++;
	vr_log(VR_LOG_WARN, "vheap %p: free of %p, not a live block", (void *)h, ptr);
	return -EINVAL;
}

int vheap_free(struct vheap *h, void *ptr)
{
	if (!ptr)
		return 0;
	if (!h)
		return -EINVAL;
	uint32_t off = header_of(h, ptr);
	if (off == NIL)
		return invalid(h, ptr);
	uint32_t w0 = rd(h, off), chk = rd(h, off + 4);
	if (chk != chk_used(h, off, w0))
		return bad_header(h, off, w0, chk);
	if (!(w0 & USED))
		return invalid(h, ptr); /* a dead header: freed and merged */
	uint32_t size = w0 & SIZE_MASK;
	if (size < MINB || size > h->span - off) {
		report(h, off, "block header");
		return -EFAULT;
	}

	/* Verify both physical neighbours before changing anything. */
	uint32_t end = off + size, nw0 = 0, poff = off;
	struct fblk nb = {0, NIL, NIL}, pb = {0, NIL, NIL};
	bool nfree = false;
	if (end < h->span) {
		if (end > h->span - MINB)
			goto corrupt_next;
		nw0 = rd(h, end);
		if (nw0 & USED) {
			if (!get_used(h, end, &nw0) || (nw0 & PFREE))
				goto corrupt_next;
		} else {
			if (!get_free(h, end, &nb))
				goto corrupt_next;
			nfree = true;
		}
	}
	if (w0 & PFREE) {
		uint32_t psz = rd(h, off - 4);
		if (psz < MINB || psz > off || (psz & (A - 1u)) || !get_free(h, off - psz, &pb) ||
		    (pb.w0 & SIZE_MASK) != psz) {
			report(h, off, "previous block");
			return -EFAULT;
		}
		poff = off - psz;
	}

	if (nfree) {
		if (!unlink_block(h, end, &nb))
			return -EFAULT;
		/* The predecessor may have been next's list neighbour. */
		if (pb.next == end)
			pb.next = nb.next;
		if (pb.prev == end)
			pb.prev = nb.prev;
	}
	if (poff != off && !unlink_block(h, poff, &pb))
		return -EFAULT;
	POISON(ptr, size - HDR);
	h->used -= size;
	h->live_blocks--;
	if (nfree) {
		put_used(h, end, 0); /* dead header: a later free of it is refused */
		size += nb.w0 & SIZE_MASK;
	} else if (end < h->span) {
		put_used(h, end, nw0 | PFREE);
	}
	if (poff != off) {
		put_used(h, off, 0);
		size += off - poff;
		off = poff;
	}
	return insert_block(h, off, size) ? 0 : -EFAULT;

corrupt_next:
	report(h, end, "next block header");
	return -EFAULT;
}

/* --- queries --- */

size_t vheap_usable_size(const struct vheap *h, const void *ptr)
{
	if (!h || !ptr)
		return 0;
	uint32_t off = header_of(h, ptr), w0;
	if (off == NIL || !get_used(h, off, &w0))
		return 0;
	return (w0 & SIZE_MASK) - HDR;
}

bool vheap_contains(const struct vheap *h, const void *ptr)
{
	if (!h || !h->base)
		return false;
	uintptr_t p = (uintptr_t)ptr, b = (uintptr_t)h->base;
	return p >= b && p - b < h->span;
}

void vheap_stats(const struct vheap *h, struct vheap_stats *st)
{
	if (!h || !st)
		return;
	st->span = h->span;
	st->used = h->used;
	st->peak = h->peak;
	st->free_bytes = h->span - h->used;
	st->largest_free = 0;
	if (h->fl_map) {
		unsigned fl = fls32(h->fl_map), sl = fls32(h->sl_map[fl]);
		struct fblk b;
		uint32_t size = class_low(fl, sl);
		if (get_free(h, h->head[fl][sl], &b))
			size = b.w0 & SIZE_MASK;
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
	vr_log(VR_LOG_ERR, "vheap %p: validate: %s at %p", (void *)h, what,
	       (void *)(h->base + off));
	return -EFAULT;
}

/* Walk the blocks in address order; count the free ones. */
static int walk_blocks(const struct vheap *h, uint32_t *nfree)
{
	uint32_t off = 0, size;
	size_t used = 0, live = 0;
	bool prev_free = false;
	*nfree = 0;
	while (off < h->span) {
		if (off > h->span - MINB)
			return vfail(h, off, "block past the end of the span");
		uint32_t w0 = rd(h, off);
		if (w0 & USED) {
			if (!get_used(h, off, &w0))
				return vfail(h, off, "used block header");
			size = w0 & SIZE_MASK;
			used += size;
			live++;
		} else {
			struct fblk b;
			if (!get_free(h, off, &b))
				return vfail(h, off, "free block header");
			if (prev_free)
				return vfail(h, off, "two adjacent free blocks");
			size = w0 & SIZE_MASK;
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

/* Walk one free list; *listed counts blocks, bounded by the free blocks seen. */
static int walk_list(const struct vheap *h, unsigned fl, unsigned sl, uint32_t nfree,
		     uint32_t *listed)
{
	uint32_t x = h->head[fl][sl], prev = NIL;
	if ((x != NIL) != (((h->sl_map[fl] >> sl) & 1u) != 0))
		return vfail(h, 0, "second-level bitmap");
	while (x != NIL) {
		struct fblk b;
		unsigned f, s;
		if (++*listed > nfree)
			return vfail(h, x, "free-list cycle or stray block");
		if (x > h->span - MINB || (x & (A - 1u)) || !get_free(h, x, &b))
			return vfail(h, x, "free-list block");
		if (b.prev != prev)
			return vfail(h, x, "free-list back link");
		mapping(b.w0 & SIZE_MASK, &f, &s);
		if (f != fl || s != sl)
			return vfail(h, x, "free block in the wrong class");
		prev = x;
		x = b.next;
	}
	return 0;
}

int vheap_validate(const struct vheap *h)
{
	if (!h || !h->base)
		return -EFAULT;
	uint32_t nfree, listed = 0;
	int rc = walk_blocks(h, &nfree);
	if (rc)
		return rc;
	if (h->fl_map >> VHEAP_FL_COUNT)
		return vfail(h, 0, "first-level bitmap");
	for (unsigned fl = 0; fl < VHEAP_FL_COUNT; fl++) {
		if (((h->fl_map >> fl) & 1u) != (h->sl_map[fl] != 0) ||
		    (SL_COUNT < 32 && (h->sl_map[fl] >> (SL_COUNT & 31u))))
			return vfail(h, 0, "bitmaps");
		for (unsigned sl = 0; sl < SL_COUNT; sl++) {
			rc = walk_list(h, fl, sl, nfree, &listed);
			if (rc)
				return rc;
		}
	}
	if (listed != nfree)
		return vfail(h, 0, "free block missing from the lists");
	return 0;
}
