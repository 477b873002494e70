/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host locks. On Linux: a three-state futex lock in the platform's opaque
 * lock storage, because an uncontended pthread mutex costs ~65 instructions
 * per take/give pair and the lifetime allocator does little else. An
 * uncontended take is one compare-and-swap, a give one atomic decrement;
 * the kernel is entered only when a thread has to wait. Elsewhere: pthread
 * mutexes.
 */
#define _DEFAULT_SOURCE 1   /* syscall() */
#include <errno.h>

#include <vregion/platform.h>

#if defined(__linux__)

#include <linux/futex.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Lock word: 0 free, 1 held and nobody waits, 2 held and someone may wait. */
enum { FREE = 0, HELD = 1, CONTENDED = 2 };

_Static_assert(sizeof(atomic_int) <= sizeof(vr_lock_t), "VREGION_LOCK_SIZE is too small");

static atomic_int *as_word(vr_lock_t *lock)
{
	return (atomic_int *)(void *)lock->opaque;
}

static void futex_wait(atomic_int *w, int expected)
{
	/* returns at once when *w no longer holds expected (EAGAIN), or on a signal */
	(void)syscall(SYS_futex, (int *)w, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake_one(atomic_int *w)
{
	(void)syscall(SYS_futex, (int *)w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void word_take(atomic_int *w)
{
	int c = FREE;

	if (atomic_compare_exchange_strong_explicit(w, &c, HELD, memory_order_acquire,
						    memory_order_relaxed))
		return;
	/*
	 * Mark the lock contended before sleeping, so that its holder wakes
	 * someone on give; whoever takes it this way keeps it marked, since
	 * another waiter may still sleep.
	 */
	if (c != CONTENDED)
		c = atomic_exchange_explicit(w, CONTENDED, memory_order_acquire);
	while (c != FREE) {
		futex_wait(w, CONTENDED);
		c = atomic_exchange_explicit(w, CONTENDED, memory_order_acquire);
	}
}

static void word_give(atomic_int *w)
{
	if (atomic_fetch_sub_explicit(w, 1, memory_order_release) != HELD) {
		atomic_store_explicit(w, FREE, memory_order_release);
		futex_wake_one(w);
	}
}

int vr_lock_init(vr_lock_t *lock)
{
	atomic_init(as_word(lock), FREE);
	return 0;
}

void vr_lock_destroy(vr_lock_t *lock)
{
	(void)lock;
}

void vr_lock_take(vr_lock_t *lock)
{
	word_take(as_word(lock));
}

void vr_lock_give(vr_lock_t *lock)
{
	word_give(as_word(lock));
}

static atomic_int global_words[VR_GLOBAL_LOCK_COUNT];   /* zero: FREE */

void vr_global_lock_take(enum vr_global_lock which)
{
	word_take(&global_words[which]);
}

void vr_global_lock_give(enum vr_global_lock which)
{
	word_give(&global_words[which]);
}

#else /* !__linux__ */

#include <pthread.h>

_Static_assert(sizeof(pthread_mutex_t) <= sizeof(vr_lock_t),
	       "VREGION_LOCK_SIZE is too small for a pthread mutex");

static pthread_mutex_t *as_mutex(vr_lock_t *lock)
{
	return (pthread_mutex_t *)(void *)lock->opaque;
}

int vr_lock_init(vr_lock_t *lock)
{
	return -pthread_mutex_init(as_mutex(lock), NULL);
}

void vr_lock_destroy(vr_lock_t *lock)
{
	pthread_mutex_destroy(as_mutex(lock));
}

void vr_lock_take(vr_lock_t *lock)
{
	pthread_mutex_lock(as_mutex(lock));
}

void vr_lock_give(vr_lock_t *lock)
{
	pthread_mutex_unlock(as_mutex(lock));
}

static pthread_mutex_t global_locks[VR_GLOBAL_LOCK_COUNT] = {
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
};

void vr_global_lock_take(enum vr_global_lock which)
{
	pthread_mutex_lock(&global_locks[which]);
}

void vr_global_lock_give(enum vr_global_lock which)
{
	pthread_mutex_unlock(&global_locks[which]);
}

#endif
