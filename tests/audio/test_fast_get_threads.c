/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fast-get under threads.
 * F1: SOF held its cache spinlock across a (sleeping) allocator call. Here
 * the copy is made with no cache lock held: while one caller is stuck
 * inside the system heap, another caller's hit must still complete.
 * Stress: several threads get and put overlapping tables (run under TSan).
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <vregion/audio/fast_get.h>
#include <vregion/platform.h>
#include <vregion/sysheap.h>

static int tables[8][256];

struct miss_arg {
	struct fast_get_cache *c;
	const void *ret;
	atomic_bool started;
};

static void *miss_thread(void *p)
{
	struct miss_arg *a = p;
	atomic_store(&a->started, true);
	a->ret = fast_get(a->c, tables[2], sizeof(tables[2]));
	return NULL;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

static void test_f1_hit_while_miss_blocks_in_allocator(void **state)
{
	(void)state;
	struct fast_get_cache *c = fast_get_cache_new();
	assert_non_null(c);
	/* Table 1 is cached: the hit target. */
	const void *t1 = fast_get(c, tables[1], sizeof(tables[1]));
	assert_non_null(t1);

	/*
	 * Hold the system heap: the miss below blocks inside sys_heap_alloc().
	 * (Holding it while calling fast_get() below is what no real caller
	 * does; the test does it only to prove the hit never needs the heap.)
	 */
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	struct miss_arg a = { .c = c };
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, miss_thread, &a), 0);
	while (!atomic_load(&a.started))
		sleep_ms(1);
	sleep_ms(20); /* let it reach the allocator */
	/* The hit needs only the cache lock: it must not wait for the heap. */
	const void *again = fast_get(c, tables[1], sizeof(tables[1]));
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	assert_ptr_equal(again, t1);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_non_null(a.ret);
	assert_memory_equal(a.ret, tables[2], sizeof(tables[2]));
	assert_int_equal(fast_put(c, a.ret), 0);
	assert_int_equal(fast_put(c, again), 0);
	assert_int_equal(fast_put(c, t1), 0);
	assert_int_equal(fast_get_cache_delete(c), 0);
}

#define THREADS 4
#define ROUNDS 2000

static void *stress_thread(void *p)
{
	struct fast_get_cache *c = p;
	unsigned int seed = (unsigned int)(uintptr_t)pthread_self();
	for (int r = 0; r < ROUNDS; r++) {
		int t = (int)(rand_r(&seed) % 8u);
		const int *copy = fast_get(c, tables[t], sizeof(tables[t]));
		if (!copy || memcmp(copy, tables[t], sizeof(tables[t])))
			return (void *)1;
		if (fast_put(c, copy))
			return (void *)1;
	}
	return NULL;
}

static void test_stress(void **state)
{
	(void)state;
	struct vheap_stats before, after;
	assert_int_equal(sys_heap_stats(&before), 0);
	struct fast_get_cache *c = fast_get_cache_new();
	assert_non_null(c);
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, stress_thread, c), 0);
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		assert_int_equal(pthread_join(th[i], &ret), 0);
		assert_null(ret);
	}
	struct fast_get_stats st;
	assert_int_equal(fast_get_stats(c, &st), 0);
	assert_int_equal(st.entries, 0);
	assert_int_equal(fast_get_cache_delete(c), 0);
	assert_int_equal(sys_heap_stats(&after), 0);
	assert_int_equal(after.live_blocks, before.live_blocks);
}

int main(void)
{
	for (int t = 0; t < 8; t++)
		for (int i = 0; i < 256; i++)
			tables[t][i] = t * 7919 + i;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_f1_hit_while_miss_blocks_in_allocator),
		cmocka_unit_test(test_stress),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
