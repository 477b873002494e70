/* SPDX-License-Identifier: BSD-3-Clause */
/* fast-get: shared, reference-counted copies of read-only tables (spec 7). */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <vregion/audio/fast_get.h>
#include <vregion/config.h>
#include <vregion/platform.h>
#include <vregion/sysheap.h>

/*
 * One cached table: the entry header and the copy in one system-heap block
 * (the copy starts on a cache line), made and freed with no lock held.
 */
struct fg_entry {
	struct fg_entry *prev, *next;
	const void *src;   /* the key */
	size_t size;
	size_t refcount;
	_Alignas(VREGION_CACHE_LINE) unsigned char copy[];
};

struct fast_get_cache {
	vr_lock_t lock;          /* guards the list and the reference counts only */
	struct fg_entry *head;
};

struct fast_get_cache *fast_get_cache_new(void)
{
	struct fast_get_cache *c = sys_heap_zalloc(sizeof(*c), 0);
	if (!c)
		return NULL;
	if (vr_lock_init(&c->lock)) {
		sys_heap_free(c);
		return NULL;
	}
	return c;
}

/* Under the lock. */
static struct fg_entry *find_src(struct fast_get_cache *c, const void *src)
{
	for (struct fg_entry *e = c->head; e; e = e->next)
		if (e->src == src)
			return e;
	return NULL;
}

static struct fg_entry *find_copy(struct fast_get_cache *c, const void *copy)
{
	for (struct fg_entry *e = c->head; e; e = e->next)
		if ((const void *)e->copy == copy)
			return e;
	return NULL;
}

static void unlink_entry(struct fast_get_cache *c, struct fg_entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
}

/* Under the lock: take a reference on an existing entry, or refuse a size mismatch. */
static const void *hit(struct fg_entry *e, size_t size)
{
	if (e->size != size) {
		vr_log(VR_LOG_ERR, "fast_get: %p cached with %zu bytes, asked %zu",
		       e->src, e->size, size);
		return NULL;
	}
	e->refcount++;
	return e->copy;
}

const void *fast_get(struct fast_get_cache *c, const void *src, size_t size)
{
	if (!c || !src || !size || size > SIZE_MAX - sizeof(struct fg_entry))
		return NULL;
	vr_lock_take(&c->lock);
	struct fg_entry *e = find_src(c, src);
	if (e) {
		const void *ret = hit(e, size);
		vr_lock_give(&c->lock);
		return ret;
	}
	vr_lock_give(&c->lock);

	/* Miss: make the entry and its copy with no cache lock held (F1), then publish. */
	struct fg_entry *made = sys_heap_alloc(sizeof(*made) + size, VREGION_CACHE_LINE);
	if (!made)
		return NULL;
	made->prev = NULL;
	made->src = src;
	made->size = size;
	made->refcount = 1;
	memcpy(made->copy, src, size);

	const void *ret;
	vr_lock_take(&c->lock);
	e = find_src(c, src);
	if (e) {
		ret = hit(e, size); /* another caller published first */
	} else {
		made->next = c->head;
		if (c->head)
			c->head->prev = made;
		c->head = made;
		ret = made->copy;
		made = NULL;
	}
	vr_lock_give(&c->lock);
	sys_heap_free(made);
	return ret;
}

int fast_put(struct fast_get_cache *c, const void *copy)
{
	if (!c)
		return -EINVAL;
	if (!copy)
		return 0;
	struct fg_entry *dead = NULL;
	vr_lock_take(&c->lock);
	struct fg_entry *e = find_copy(c, copy);
	if (e && --e->refcount == 0) {
		unlink_entry(c, e);
		dead = e;
	}
	vr_lock_give(&c->lock);
	if (!e) {
		vr_log(VR_LOG_ERR, "fast_put: %p is not a cached copy", copy);
		return -ENOENT;
	}
	sys_heap_free(dead);
	return 0;
}

int fast_get_cache_delete(struct fast_get_cache *c)
{
	if (!c)
		return 0;
	int n = 0;
	while (c->head) {
		struct fg_entry *e = c->head;
		c->head = e->next;
		vr_log(VR_LOG_WARN, "fast_get: cache deleted with %p still referenced %zu times",
		       e->src, e->refcount);
		sys_heap_free(e);
		n++;
	}
	vr_lock_destroy(&c->lock);
	sys_heap_free(c);
	return n;
}

int fast_get_stats(struct fast_get_cache *c, struct fast_get_stats *st)
{
	if (!c || !st)
		return -EINVAL;
	memset(st, 0, sizeof(*st));
	vr_lock_take(&c->lock);
	for (struct fg_entry *e = c->head; e; e = e->next) {
		st->entries++;
		st->references += e->refcount;
		st->bytes += e->size;
	}
	vr_lock_give(&c->lock);
	return 0;
}
