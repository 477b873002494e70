/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vheap: two-level segregated fit over one span, with checked headers.
 *
 * Block at byte offset o from h->base (payload at o + 8, VHEAP_ALIGN-aligned):
 *
 *   used:  [w0 = size | flags][chk] payload ...
 *   free:  [w0 = size | flags][chk][next][prev] ...           [footer = size]
 *
 * Flags: USED, and PFREE (the block before is free, so the word in front of
 * this header is that block's footer). Offsets and sizes are 32-bit; NIL
 * ends a list.
 *
 * Check word: chk = w0 ^ key(o), and ^ next ^ prev as well for a free block,
 * where key(o) = (o ^ secret) * odd is never zero. Each stored word enters
 * chk unchanged, so a change confined to one of them - in particular to one
 * byte - always breaks the check, and random data passes with probability
 * 2^-32. Being linear, chk is patched (not recomputed) when a link changes.
 * Every header is verified before the heap acts on it (docs/vheap.md).
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

#if (defined(__GNUC__) || defined(__clang__)) && !defined(__OPTIMIZE_SIZE__)
/* Hot helpers are inlined when optimising for speed, kept shared at -Os. */
#define HOT static inline __attribute__((always_inline))
#else
#define HOT static inline
#endif
#if defined(__GNUC__) || defined(__clang__)
#define COLD __attribute__((cold, noinline))
#define LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define COLD
#define LIKELY(x) (x)
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
#define NEXT 8u /* field offsets in a free block */
#define PREV 12u

_Static_assert(VHEAP_MAX_SPAN_LOG <= 31, "offsets and rounding need 32 bits");
_Static_assert(VHEAP_SL_LOG >= 2 && VHEAP_SL_LOG <= 5, "sub-list bitmap is 32 bits");
_Static_assert(VHEAP_FL_COUNT <= 32, "first-level bitmap is 32 bits");

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

static inline uint32_t key(const struct vheap *h, uint32_t off)
{
	return (off ^ h->secret) * 0x9E3779B1u;
}

/* A block as read from the span. */
struct blk {
	uint32_t off, w0, next, prev;
};

/*
 * Read the block at @b->off (off + 16 <= span) and return its check
 * residue: 0 when the check matches the form its USED flag claims.
 */
HOT uint32_t residue(const struct vheap *h, struct blk *b)
{
	b->w0 = rd(h, b->off);
	uint32_t d = rd(h, b->off + 4) ^ b->w0 ^ key(h, b->off);
	if (b->w0 & USED)
		return d; /* the link words are the owner's payload: never read them */
	b->next = rd(h, b->off + NEXT);
	b->prev = rd(h, b->off + PREV);
	return d ^ b->next ^ b->prev;
}

/* Read and verify the block at @off: check, size within the span. */
HOT bool load(const struct vheap *h, uint32_t off, struct blk *b)
{
	b->off = off;
	uint32_t size;
	return off <= h->span - MINB && !residue(h, b) && (size = b->w0 & SIZE_MASK) >= MINB &&
	       size <= h->span - off;
}

/* Write a used header. */
static void put_used(struct vheap *h, uint32_t off, uint32_t w0)
{
	wr(h, off, w0);
	wr(h, off + 4, w0 ^ key(h, off));
}

/* Set a link of a verified free block, patching its check. */
HOT void set_link(struct vheap *h, uint32_t off, uint32_t field, uint32_t v)
{
	uint32_t old = rd(h, off + field);
	wr(h, off + field, v);
	wr(h, off + 4, rd(h, off + 4) ^ old ^ v);
}

COLD static bool corrupt(struct vheap *h, uint32_t off)
{
	h->corruptions++;
	VR_LOG(VR_LOG_ERR, "vheap %p: corrupted header at %p", (void *)h,
	       (void *)(h->base + off));
	return false;
}

/* --- size classes and free lists --- */

HOT uint32_t *list_of(struct vheap *h, uint32_t size, unsigned *fl, unsigned *sl)
{
	if (size < SMALL) {
		*fl = 0;
		*sl = size >> VHEAP_ALIGN_LOG;
	} else {
		unsigned t = fls32(size);
		*fl = t - FL_SHIFT + 1u;
		*sl = (unsigned)(size >> (t - SL_LOG)) - SL_COUNT;
	}
	return &h->head[*fl][*sl];
}

/*
 * List neighbours are not re-verified when a link of theirs changes: the
 * check is linear, so set_link() keeps a damaged header exactly as damaged
 * (it is caught when that block itself is taken or merged), and the offset
 * written to comes from a verified header. They must point back, though.
 */

/* Take the verified free block @b out of its list. */
HOT bool unlink_block(struct vheap *h, const struct blk *b)
{
	uint32_t lim = h->span - MINB;
	if (b->next != NIL && (b->next > lim || rd(h, b->next + PREV) != b->off))
		return corrupt(h, b->off);
	if (b->prev != NIL) {
		/* Inside a list: no class lookup needed. */
		if (b->prev > lim || rd(h, b->prev + NEXT) != b->off)
			return corrupt(h, b->off);
		if (b->next != NIL)
			set_link(h, b->next, PREV, b->prev);
		set_link(h, b->prev, NEXT, b->next);
		return true;
	}
	unsigned fl, sl;
	uint32_t *head = list_of(h, b->w0 & SIZE_MASK, &fl, &sl);
	if (*head != b->off)
		return corrupt(h, b->off);
	if ((*head = b->next) != NIL) {
		set_link(h, b->next, PREV, NIL);
	} else {
		h->sl_map[fl] &= ~(1u << sl);
		if (!h->sl_map[fl])
			h->fl_map &= ~(1u << fl);
	}
	return true;
}

/* Write a free block of @size at @off (the block before it is used), listed after @next. */
static inline void put_free(struct vheap *h, uint32_t off, uint32_t size, uint32_t next)
{
	wr(h, off, size);
	wr(h, off + NEXT, next);
	wr(h, off + PREV, NIL);
	wr(h, off + 4, size ^ next ^ NIL ^ key(h, off));
	wr(h, off + size - 4, size);
}

/* The list head does not point back: write the block but leave it unlisted. */
COLD static bool insert_unlisted(struct vheap *h, uint32_t off, uint32_t size, uint32_t head)
{
	put_free(h, off, size, NIL);
	return corrupt(h, head);
}

/*
 * Write a free block of @size at @off (the block before it is used) with
 * its footer, and push it on its list. If the list head does not point back
 * to the list, the block is written but left out of the lists (never
 * reused).
 */
HOT bool insert_block(struct vheap *h, uint32_t off, uint32_t size)
{
	unsigned fl, sl;
	uint32_t *head = list_of(h, size, &fl, &sl), next = *head;
	if (next != NIL) {
		if (!LIKELY(rd(h, next + PREV) == NIL))
			return insert_unlisted(h, off, size, next);
		set_link(h, next, PREV, off);
	}
	put_free(h, off, size, next);
	*head = off;
	h->sl_map[fl] |= 1u << sl;
	h->fl_map |= 1u << fl;
	return true;
}

/*
 * The list to take a block of at least @size bytes from, or NULL: the class
 * of @size if its head is large enough, else the first non-empty class
 * above, where every block fits (good fit, O(1)). (*fl, *sl) name it.
 */
static uint32_t *find_list(struct vheap *h, uint32_t size, unsigned *fl, unsigned *sl)
{
	uint32_t *head = list_of(h, size, fl, sl);
	if (*head != NIL && (rd(h, *head) & SIZE_MASK) >= size)
		return head;
	uint32_t m = h->sl_map[*fl] & (~1u << *sl);
	if (!m) {
		m = h->fl_map & (~1u << *fl);
		if (!m)
			return NULL;
		*fl = ffs32(m);
		m = h->sl_map[*fl];
	}
	*sl = ffs32(m);
	return &h->head[*fl][*sl];
}

/* --- init --- */

int vheap_init(struct vheap *h, void *mem, size_t bytes)
{
	if (!h || !mem)
		return -EINVAL;
	uintptr_t a = (uintptr_t)mem;
	if (a > UINTPTR_MAX - 2u * A || bytes > UINTPTR_MAX - 2u * A - a)
		return -EINVAL;
	uintptr_t start = vr_align_up(a + HDR, A) - HDR;
	if (start - a > bytes)
		return -EINVAL;
	size_t span = vr_align_down(bytes - (size_t)(start - a), A);
	if (span < MINB || span > VHEAP_MAX_SPAN)
		return -EINVAL;

	memset(h, 0, sizeof(*h));
	memset(h->head, 0xFF, sizeof(h->head));
#if defined(VREGION_VALGRIND) && !defined(VREGION_ASAN)
	h->flags = RUNNING_ON_VALGRIND ? VG : 0u;
#endif
	h->base = (unsigned char *)start;
	h->span = (uint32_t)span;
	/* A key per heap and placement: a header copied from elsewhere fails. */
	uint32_t s = ((uint32_t)start ^ (uint32_t)((uintptr_t)h >> 3) ^ h->span) * 0x2C1B3C6Du;
	h->secret = s ^ (s >> 15) ^ 1u;
	h->secret |= 1u;
	QUIET(h);
	POISON(h->base, span);
	insert_block(h, 0, h->span);
	LOUD(h);
	return 0;
}

void vheap_fini(struct vheap *h)
{
	if (h && h->base)
		UNPOISON(h->base, h->span);
}

/* --- alloc --- */

static void *fail(struct vheap *h)
{
	h->alloc_failures++;
	return NULL;
}

/*
 * Carve a used block of @bs bytes, its payload aligned to @align, out of the
 * head of list (fl, sl). The block is verified before anything is written;
 * the list neighbour is patched (see unlink_block).
 */
static void *take(struct vheap *h, uint32_t *head, unsigned fl, unsigned sl, uint32_t bs,
		  size_t n, size_t align)
{
	struct blk b = {0, 0, NIL, NIL};
	uint32_t off = *head;
	if (!load(h, off, &b) || (b.w0 & USED) || b.prev != NIL)
		goto bad;
	uint32_t size = b.w0 & SIZE_MASK, gap = 0;
	if (align > A) {
		/* No gap, or one that holds a free block: align more if needed. */
		gap = (uint32_t)(0u - (uintptr_t)(h->base + off + HDR)) & (uint32_t)(align - 1u);
		if (gap && gap < MINB)
			gap += (uint32_t)align;
	}
	if (size < gap || size - gap < bs)
		goto bad;
	uint32_t rest = size - gap - bs, end = off + size;

	/* Pop the head; its successor must point back. */
	if (b.next != NIL && (b.next > h->span - MINB || rd(h, b.next + PREV) != off))
		goto bad;
	if ((*head = b.next) != NIL) {
		set_link(h, b.next, PREV, NIL);
	} else {
		h->sl_map[fl] &= ~(1u << sl);
		if (!h->sl_map[fl])
			h->fl_map &= ~(1u << fl);
	}

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
		if (end < h->span) {
			/* Clear the successor's PFREE; a patch keeps a bad check bad. */
			uint32_t w = rd(h, end);
			wr(h, end, w & ~PFREE);
			wr(h, end + 4, rd(h, end + 4) ^ (w & PFREE));
		}
	}
	put_used(h, off, bs | flags);
	h->used += bs;
	if (h->used > h->peak)
		h->peak = h->used;
	h->live_blocks++;
	unsigned char *p = h->base + off + HDR;
	UNPOISON(p, n);
	return p;
bad:
	corrupt(h, off);
	return fail(h);
}

/* @bytes > 0, @align a power of two >= A. */
static void *alloc_impl(struct vheap *h, size_t bytes, size_t align)
{
	unsigned fl, sl;
	if (bytes > h->span - HDR || align > h->span)
		return fail(h);
	uint32_t bs = ((uint32_t)bytes + HDR + A - 1u) & SIZE_MASK, need;
	if (bs < MINB)
		bs = MINB;
	/* Search for room for an aligned start: a gap of up to MINB + align - A. */
	need = align > A ? bs + (uint32_t)align + MINB - A : bs;
	uint32_t *head = need <= h->span ? find_list(h, need, &fl, &sl) : NULL;
	if (!head)
		return fail(h);
	return take(h, head, fl, sl, bs, bytes, align);
}

void *vheap_alloc(struct vheap *h, size_t bytes)
{
	if (!h || !bytes)
		return NULL;
	QUIET(h);
	void *p = alloc_impl(h, bytes, A);
	LOUD(h);
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

/* --- free --- */

/* Offset of the header for @ptr when it could be a payload, else NIL. */
static uint32_t header_of(const struct vheap *h, const void *ptr)
{
	uintptr_t p = (uintptr_t)ptr - (uintptr_t)h->base - HDR;
	if ((uintptr_t)ptr < (uintptr_t)h->base + HDR || p > h->span - MINB || (p & (A - 1u)))
		return NIL;
	return (uint32_t)p;
}

/* True when @x has exactly one non-zero byte: the mark of a one-byte change. */
static bool one_byte(uint32_t x)
{
	return x && (fls32(x) >> 3) == (ffs32(x) >> 3);
}

static int invalid(struct vheap *h, const void *ptr)
{
	h->invalid_frees++;
	VR_LOG(VR_LOG_WARN, "vheap %p: free(%p) refused: not a live block", (void *)h, ptr);
	return -EINVAL;
}

/*
 * @b failed the used-header check with residue @d. A header valid in either
 * form is a freed or dead block (double free); one off by a single byte is a
 * corruption; anything else is not a header (interior or stale pointer).
 */
static int bad_free(struct vheap *h, struct blk *b, uint32_t d, const void *ptr)
{
	if (b->w0 & USED) { /* residue() left the links unread: read them for the other form */
		b->next = rd(h, b->off + NEXT);
		b->prev = rd(h, b->off + PREV);
	}
	uint32_t alt = d ^ b->next ^ b->prev;
	if (d && alt && (one_byte(d) || one_byte(alt))) {
		corrupt(h, b->off);
		return -EFAULT;
	}
	return invalid(h, ptr);
}

static int free_impl(struct vheap *h, void *ptr)
{
	struct blk b = {0, 0, NIL, NIL}, n = {0, USED, NIL, NIL}, p = {0, 0, NIL, NIL};
	b.off = header_of(h, ptr);
	if (b.off == NIL)
		return invalid(h, ptr);
	uint32_t d = residue(h, &b);
	if (d || !(b.w0 & USED))
		return bad_free(h, &b, d, ptr);
	uint32_t off = b.off, size = b.w0 & SIZE_MASK, end = off + size;
	if (size < MINB || size > h->span - off)
		goto bad;

	/* Verify both physical neighbours before changing anything. */
	if (end < h->span && (!load(h, end, &n) || (n.w0 & PFREE))) {
		off = end;
		goto bad;
	}
	p.off = off;
	if (b.w0 & PFREE) {
		if (off < MINB)
			goto bad; /* nothing can precede the first block */
		uint32_t psz = rd(h, off - 4);
		if (psz > off || !load(h, off - psz, &p) || (p.w0 & USED) ||
		    (p.w0 & SIZE_MASK) != psz)
			goto bad;
	}
	if (!(n.w0 & USED)) {
		if (!unlink_block(h, &n))
			return -EFAULT;
		/* The predecessor may have been next's list neighbour. */
		if (p.next == end)
			p.next = n.next;
		if (p.prev == end)
			p.prev = n.prev;
	}
	if (p.off != off && !unlink_block(h, &p))
		return -EFAULT;
	POISON(ptr, size - HDR);
	h->used -= size;
	h->live_blocks--;
	if (!(n.w0 & USED)) {
		/* Its header stays a valid free header: a later free of it is refused. */
		size += n.w0 & SIZE_MASK;
	} else if (end < h->span) {
		put_used(h, end, n.w0 | PFREE);
	}
	if (p.off != off) {
		put_used(h, off, 0); /* dead header: a later free of it is refused */
		size += off - p.off;
		off = p.off;
	}
	return insert_block(h, off, size) ? 0 : -EFAULT;
bad:
	corrupt(h, off);
	return -EFAULT;
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
	struct blk b = {0, 0, NIL, NIL};
	if (!h || !ptr || (b.off = header_of(h, ptr)) == NIL)
		return 0;
	QUIET(h);
	bool live = load(h, b.off, &b) && (b.w0 & USED);
	LOUD(h);
	return live ? (b.w0 & SIZE_MASK) - HDR : 0;
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
		/* The head of the highest class: exactly what vheap_alloc() can serve. */
		unsigned fl = fls32(h->fl_map), sl = fls32(h->sl_map[fl]);
		struct blk b = {0, 0, NIL, NIL};
		uint32_t size = fl ? (SL_COUNT + sl) << (fl + VHEAP_ALIGN_LOG - 1u)
				   : (uint32_t)sl << VHEAP_ALIGN_LOG;
		QUIET(h);
		if (load(h, h->head[fl][sl], &b))
			size = b.w0 & SIZE_MASK;
		LOUD(h);
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
	uint32_t off = 0, size;
	size_t used = 0, live = 0;
	bool prev_free = false;
	struct blk b = {0, 0, NIL, NIL};
	*nfree = 0;
	while (off < h->span) {
		if (!load(h, off, &b))
			return vfail(h, off, "block header");
		size = b.w0 & SIZE_MASK;
		if (b.w0 & USED) {
			used += size;
			live++;
		} else {
			if (prev_free)
				return vfail(h, off, "two adjacent free blocks");
			if (rd(h, off + size - 4) != size)
				return vfail(h, off, "free block footer");
			(*nfree)++;
		}
		if (((b.w0 & PFREE) != 0) != prev_free)
			return vfail(h, off, "previous-free flag");
		prev_free = !(b.w0 & USED);
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
		struct blk b = {0, 0, NIL, NIL};
		unsigned f, s;
		if (++*listed > nfree)
			return vfail(h, x, "free-list cycle or stray block");
		if ((x & (A - 1u)) || !load(h, x, &b) || (b.w0 & USED))
			return vfail(h, x, "free-list block");
		if (b.prev != prev)
			return vfail(h, x, "free-list back link");
		list_of((struct vheap *)(uintptr_t)h, b.w0 & SIZE_MASK, &f, &s);
		if (f != fl || s != sl)
			return vfail(h, x, "free block in the wrong class");
		prev = x;
		x = b.next;
	}
	return 0;
}

static int validate(const struct vheap *h)
{
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
			if (h->head[fl][sl] == NIL && !((h->sl_map[fl] >> sl) & 1u))
				continue; /* empty and marked empty */
			rc = walk_list(h, fl, sl, nfree, &listed);
			if (rc)
				return rc;
		}
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
