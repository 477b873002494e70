/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one interface every heap under test sits behind. Each adapter file
 * (adapt_*.c) defines bench_adapter; each heap benchmark binary links exactly
 * one adapter, because mimalloc and jemalloc both replace malloc when linked
 * and must not share a process with each other or with glibc's malloc.
 */
#ifndef VREGION_BENCH_ADAPTER_H
#define VREGION_BENCH_ADAPTER_H

#include <stddef.h>

struct bench_adapter {
	const char *name;
	/* Prepare the heap for a workload whose live set holds at most @p max_live_bytes. 0 or -1. */
	int (*init)(size_t max_live_bytes);
	void *(*alloc)(size_t size);
	void *(*alloc_align)(size_t size, size_t align);
	void (*free)(void *p);
	/* Release what init set up (blocks already freed by the caller). */
	void (*fini)(void);
	/*
	 * The functions that really do the work, for the instruction counter:
	 * counting starts at their entry and stops at their return, so the
	 * adapter's own argument shuffling is not counted.
	 */
	const void *alloc_fn;
	const void *align_fn;
	const void *free_fn;
};

extern const struct bench_adapter bench_adapter;

#endif /* VREGION_BENCH_ADAPTER_H */
