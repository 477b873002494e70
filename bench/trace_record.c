/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Allocation-trace recorder for the region-footprint benchmark. Linked into
 * a copy of the `vregion` testbench (vrbench-vregion-rec) with the linker's
 * --wrap for the region entry points the framework calls, it writes one
 * trace per region, in vrbench-footprint's format, into the directory named
 * by VRBENCH_TRACE_DIR (nothing is recorded without it):
 *   region-<n>.trace: L/I/A/F events, "# size <bytes>" first.
 * Coherent allocations are recorded as what they take: the size rounded up
 * to VREGION_CACHE_LINE and at least that alignment. Lifetime frees are
 * recorded as comments (the replay keeps those bytes: never smaller than
 * the real need). A reset or discard of the interim heap frees every live
 * interim block.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/config.h>
#include <vregion/vregion.h>

struct vregion *__real_vregion_create(size_t memsize);
struct vregion *__real_vregion_put(struct vregion *vr);
void __real_vregion_set_interim(struct vregion *vr);
void *__real_vregion_alloc(struct vregion *vr, size_t size);
void *__real_vregion_alloc_align(struct vregion *vr, size_t size, size_t alignment);
void *__real_vregion_alloc_coherent(struct vregion *vr, size_t size);
void *__real_vregion_alloc_coherent_align(struct vregion *vr, size_t size, size_t alignment);
int __real_vregion_free(struct vregion *vr, void *ptr);
int __real_vregion_reset_interim(struct vregion *vr);
int __real_vregion_discard_interim(struct vregion *vr);

struct vregion *__wrap_vregion_create(size_t memsize);
struct vregion *__wrap_vregion_put(struct vregion *vr);
void __wrap_vregion_set_interim(struct vregion *vr);
void *__wrap_vregion_alloc(struct vregion *vr, size_t size);
void *__wrap_vregion_alloc_align(struct vregion *vr, size_t size, size_t alignment);
void *__wrap_vregion_alloc_coherent(struct vregion *vr, size_t size);
void *__wrap_vregion_alloc_coherent_align(struct vregion *vr, size_t size, size_t alignment);
int __wrap_vregion_free(struct vregion *vr, void *ptr);
int __wrap_vregion_reset_interim(struct vregion *vr);
int __wrap_vregion_discard_interim(struct vregion *vr);

#define REC_MAX 256

struct rec_live {
	void *ptr;
	unsigned id;
};

struct rec {
	struct vregion *vr;
	FILE *f;
	bool interim;
	unsigned next_id;
	struct rec_live *live;
	size_t nlive, cap;
};

static struct rec recs[REC_MAX];
static unsigned rec_count;
static pthread_mutex_t rec_lock = PTHREAD_MUTEX_INITIALIZER;

static struct rec *find(const struct vregion *vr)
{
	for (size_t i = 0; i < REC_MAX; i++)
		if (recs[i].vr == vr && recs[i].f)
			return &recs[i];
	return NULL;
}

struct vregion *__wrap_vregion_create(size_t memsize)
{
	struct vregion *vr = __real_vregion_create(memsize);
	const char *dir = getenv("VRBENCH_TRACE_DIR");

	if (!vr || !dir)
		return vr;
	pthread_mutex_lock(&rec_lock);
	for (size_t i = 0; i < REC_MAX; i++) {
		char path[4096];

		if (recs[i].f)
			continue;
		snprintf(path, sizeof(path), "%s/region-%u.trace", dir, rec_count++);
		recs[i] = (struct rec){ .vr = vr, .f = fopen(path, "w") };
		if (recs[i].f)
			fprintf(recs[i].f, "# size %zu\n", memsize);
		break;
	}
	pthread_mutex_unlock(&rec_lock);
	return vr;
}

static void rec_close(struct rec *r)
{
	fclose(r->f);
	free(r->live);
	memset(r, 0, sizeof(*r));
}

struct vregion *__wrap_vregion_put(struct vregion *vr)
{
	struct vregion *left;

	pthread_mutex_lock(&rec_lock);
	left = __real_vregion_put(vr);
	if (!left) {
		struct rec *r = find(vr);

		if (r)
			rec_close(r);
	}
	pthread_mutex_unlock(&rec_lock);
	return left;
}

void __wrap_vregion_set_interim(struct vregion *vr)
{
	pthread_mutex_lock(&rec_lock);
	struct rec *r = find(vr);

	__real_vregion_set_interim(vr);
	if (r && !r->interim) {
		r->interim = true;
		fprintf(r->f, "I\n");
	}
	pthread_mutex_unlock(&rec_lock);
}

static void note_alloc(struct vregion *vr, void *p, size_t size, size_t align)
{
	struct rec *r = p ? find(vr) : NULL;

	if (!r)
		return;
	if (!r->interim) {
		fprintf(r->f, "L %zu %zu\n", size, align);
		return;
	}
	if (r->nlive == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->live = realloc(r->live, r->cap * sizeof(*r->live));
		if (!r->live)
			abort();
	}
	r->live[r->nlive++] = (struct rec_live){ p, r->next_id };
	fprintf(r->f, "A %u %zu %zu\n", r->next_id++, size, align);
}

void *__wrap_vregion_alloc_align(struct vregion *vr, size_t size, size_t alignment)
{
	pthread_mutex_lock(&rec_lock);
	void *p = __real_vregion_alloc_align(vr, size, alignment);

	note_alloc(vr, p, size, alignment);
	pthread_mutex_unlock(&rec_lock);
	return p;
}

void *__wrap_vregion_alloc(struct vregion *vr, size_t size)
{
	return __wrap_vregion_alloc_align(vr, size, 0);
}

void *__wrap_vregion_alloc_coherent_align(struct vregion *vr, size_t size, size_t alignment)
{
	size_t line = VREGION_CACHE_LINE;

	pthread_mutex_lock(&rec_lock);
	void *p = __real_vregion_alloc_coherent_align(vr, size, alignment);

	note_alloc(vr, p, (size + line - 1) / line * line, alignment > line ? alignment : line);
	pthread_mutex_unlock(&rec_lock);
	return p;
}

void *__wrap_vregion_alloc_coherent(struct vregion *vr, size_t size)
{
	return __wrap_vregion_alloc_coherent_align(vr, size, 0);
}

int __wrap_vregion_free(struct vregion *vr, void *ptr)
{
	pthread_mutex_lock(&rec_lock);
	int ret = __real_vregion_free(vr, ptr);
	struct rec *r = ret == 0 && ptr ? find(vr) : NULL;
	void *cached = ptr;

	for (size_t i = 0; r && i < r->nlive; i++) {
		/* either alias may be freed; on a host they are the same address */
		if (r->live[i].ptr == cached) {
			fprintf(r->f, "F %u\n", r->live[i].id);
			r->live[i] = r->live[--r->nlive];
			r = NULL;
		}
	}
	if (r)
		fprintf(r->f, "# lifetime free\n");
	pthread_mutex_unlock(&rec_lock);
	return ret;
}

static void drop_all(struct vregion *vr)
{
	struct rec *r = find(vr);

	for (size_t i = 0; r && i < r->nlive; i++)
		fprintf(r->f, "F %u\n", r->live[i].id);
	if (r)
		r->nlive = 0;
}

int __wrap_vregion_reset_interim(struct vregion *vr)
{
	pthread_mutex_lock(&rec_lock);
	int ret = __real_vregion_reset_interim(vr);

	if (ret == 0)
		drop_all(vr);
	pthread_mutex_unlock(&rec_lock);
	return ret;
}

int __wrap_vregion_discard_interim(struct vregion *vr)
{
	pthread_mutex_lock(&rec_lock);
	int ret = __real_vregion_discard_interim(vr);

	if (ret >= 0)
		drop_all(vr);
	pthread_mutex_unlock(&rec_lock);
	return ret;
}
