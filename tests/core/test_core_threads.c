/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread safety: 6 threads hammer one interim region, the system heap and
 * the page pool at once (run under TSan by the test script), then every
 * figure must add up exactly.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/platform.h>
#include <vregion/sysheap.h>
#include <vregion/vpage.h>
#include <vregion/vregion.h>

#include "test_rng.h"

#define THREADS 6
#define ROUNDS 20000
#define SLOTS 16

static struct vregion *shared;

static void *hammer(void *arg)
{
	struct test_rng rng = {0x1234567ull + (uintptr_t)arg * 0x9e3779b9ull};
	unsigned char *mine[SLOTS] = {0};
	unsigned char *sys[SLOTS] = {0};
	unsigned char tag = (unsigned char)(uintptr_t)arg;
	long errors = 0;
	for (int r = 0; r < ROUNDS; r++) {
		unsigned int i = (unsigned int)(test_rng_next(&rng) % SLOTS);
		if (mine[i]) {
			errors += mine[i][0] != tag;
			errors += vregion_free(shared, mine[i]) != 0;
			mine[i] = NULL;
		} else if ((mine[i] = vregion_alloc(shared, test_rng_range(&rng, 1, 300))) != NULL) {
			mine[i][0] = tag;
		}
		if (sys[i]) {
			errors += sys[i][0] != tag;
			errors += sys_heap_free(sys[i]) != 0;
			sys[i] = NULL;
		} else if ((sys[i] = sys_heap_alloc(test_rng_range(&rng, 1, 500), 0)) != NULL) {
			sys[i][0] = tag;
		}
		if (r % 512 == 0) {
			struct vregion *own = vregion_create(VREGION_PAGE_SIZE);
			errors += !own || vregion_alloc(own, 64) == NULL;
			vregion_get(shared);
			errors += vregion_put(own) != NULL;
			errors += vregion_put(shared) == NULL;
		}
	}
	for (int i = 0; i < SLOTS; i++) {
		errors += vregion_free(shared, mine[i]) != 0;
		errors += sys_heap_free(sys[i]) != 0;
	}
	return (void *)errors;
}

static void test_hammer(void **state)
{
	(void)state;
	struct vheap_stats before;
	sys_heap_stats(&before);
	size_t regions = vregion_live_count();
	shared = vregion_create(64 * 1024);
	assert_non_null(vregion_alloc(shared, 1000));
	vregion_set_interim(shared);
	pthread_t t[THREADS];
	for (uintptr_t i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, hammer, (void *)(i + 1)), 0);
	for (int i = 0; i < THREADS; i++) {
		void *errors;
		assert_int_equal(pthread_join(t[i], &errors), 0);
		assert_int_equal((uintptr_t)errors, 0);
	}
	struct vregion_stats st;
	assert_int_equal(vregion_stats(shared, &st), 0);
	assert_int_equal(st.interim_live_blocks, 0);
	assert_int_equal(st.use_count, 1);
	assert_int_equal(st.invalid_frees, 0);
	assert_int_equal(st.corruptions, 0);
	assert_null(vregion_put(shared));
	struct vheap_stats after;
	sys_heap_stats(&after);
	assert_int_equal(after.live_blocks, before.live_blocks);
	assert_int_equal(vregion_live_count(), regions);
	assert_int_equal(sys_heap_validate(), 0);
}

/*
 * The platform lock on its own: plain (non-atomic) counters change only
 * under it, so a lost update means two holders at once; TSan sees the
 * same as a race. Waiters sleep and wake through the contended path.
 */
#define LOCK_ROUNDS 100000
static vr_lock_t counter_lock;
static unsigned long counter, global_counter;

static void *lock_worker(void *arg)
{
	(void)arg;
	for (int r = 0; r < LOCK_ROUNDS; r++) {
		vr_lock_take(&counter_lock);
		counter++;
		vr_lock_give(&counter_lock);
		if (r % 16 == 0) {
			vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
			global_counter++;
			vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
		}
	}
	return NULL;
}

static void test_lock_excludes(void **state)
{
	(void)state;
	assert_int_equal(vr_lock_init(&counter_lock), 0);
	pthread_t t[THREADS];
	for (uintptr_t i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, lock_worker, NULL), 0);
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(counter, (unsigned long)THREADS * LOCK_ROUNDS);
	assert_int_equal(global_counter, (unsigned long)THREADS * ((LOCK_ROUNDS + 15) / 16));
	vr_lock_destroy(&counter_lock);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lock_excludes),
		cmocka_unit_test(test_hammer),
	};
	return cmocka_run_group_tests_name("core_threads", tests, NULL, NULL);
}
