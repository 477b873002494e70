/* SPDX-License-Identifier: BSD-3-Clause */
/* DP scheduling: one pthread per DP module, woken by LL ticks and data. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <unistd.h>

#include <vregion/audio/buffer.h>
#include <vregion/audio/sched.h>
#include <vregion/sysheap.h>

struct dp_task {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;  /* to the DP thread */
	pthread_cond_t idle;  /* to the control thread: a run ended */
	struct processing_module *mod;
	bool stop, running, busy;
	unsigned int hold, pending;
	size_t stack_bytes;
	uint64_t runs, errors;
};

size_t dp_task_stack_size(size_t requested, size_t dflt, size_t min_bytes)
{
	size_t s = requested ? requested : dflt;
	if (s < min_bytes)
		s = min_bytes;
	long host_min = sysconf(_SC_THREAD_STACK_MIN);
	if (host_min < (long)PTHREAD_STACK_MIN)
		host_min = (long)PTHREAD_STACK_MIN;
	if (s < (size_t)host_min)
		s = (size_t)host_min;
	long page = sysconf(_SC_PAGESIZE);
	size_t pg = page > 0 ? (size_t)page : 4096u;
	if (s > SIZE_MAX - pg)
		return s / pg * pg; /* no wrap-around: thread creation refuses it */
	return (s + pg - 1u) / pg * pg;
}

/* With t->mu held: may the thread run process() now? */
static bool ready(struct dp_task *t)
{
	if (t->stop || t->hold || !t->running || !t->pending)
		return false;
	struct processing_module *mod = t->mod;
	for (unsigned int i = 0; i < MODULE_MAX_PINS; i++) {
		if (mod->sources[i] && buffer_avail(mod->sources[i]) < mod->ibs)
			return false;
		if (mod->sinks[i] && buffer_free_space(mod->sinks[i]) < mod->obs)
			return false;
	}
	return true;
}

static void *dp_thread(void *arg)
{
	struct dp_task *t = arg;
	pthread_mutex_lock(&t->mu);
	for (;;) {
		while (!t->stop && !ready(t))
			pthread_cond_wait(&t->wake, &t->mu);
		if (t->stop)
			break;
		t->busy = true;
		t->pending--;
		pthread_mutex_unlock(&t->mu);
		int ret = t->mod->type->ops->process(t->mod);
		pthread_mutex_lock(&t->mu);
		t->mod->periods++;
		t->runs++;
		if (ret)
			t->errors++;
		t->busy = false;
		pthread_cond_broadcast(&t->idle);
	}
	pthread_mutex_unlock(&t->mu);
	return NULL;
}

static int start_thread(struct dp_task *t)
{
	if (vr_fault_inject(VR_FAULT_THREAD))
		return -EAGAIN;
	pthread_attr_t attr;
	int ret = pthread_attr_init(&attr);
	if (ret)
		return -ret;
	ret = pthread_attr_setstacksize(&attr, t->stack_bytes);
	if (!ret)
		ret = pthread_create(&t->thread, &attr, dp_thread, t);
	pthread_attr_destroy(&attr);
	if (ret)
		return -ret;
	/* Thread names are at most 15 characters; ours are cut to fit. */
	char name[16];
	size_t i = 0;
	for (; i < sizeof(name) - 1u && t->mod->name[i]; i++)
		name[i] = t->mod->name[i];
	name[i] = '\0';
	pthread_setname_np(t->thread, name);
	return 0;
}

int dp_task_new(struct processing_module *mod, size_t stack_bytes)
{
	if (!mod || !mod->type || !mod->type->ops->process)
		return -EINVAL;
	struct dp_task *t = sys_heap_zalloc(sizeof(*t), 0);
	if (!t)
		return -ENOMEM;
	t->mod = mod;
	t->stack_bytes = stack_bytes;
	int ret = -pthread_mutex_init(&t->mu, NULL);
	if (ret)
		goto err_free;
	ret = -pthread_cond_init(&t->wake, NULL);
	if (ret)
		goto err_mu;
	ret = -pthread_cond_init(&t->idle, NULL);
	if (ret)
		goto err_wake;
	ret = start_thread(t);
	if (ret)
		goto err_idle;
	mod->dp = t;
	return 0;
err_idle:
	pthread_cond_destroy(&t->idle);
err_wake:
	pthread_cond_destroy(&t->wake);
err_mu:
	pthread_mutex_destroy(&t->mu);
err_free:
	sys_heap_free(t);
	return ret;
}

void dp_task_free(struct processing_module *mod)
{
	struct dp_task *t = mod ? mod->dp : NULL;
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	t->stop = true;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->mu);
	pthread_join(t->thread, NULL);
	pthread_cond_destroy(&t->idle);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->mu);
	sys_heap_free(t);
	mod->dp = NULL;
}

static void wait_idle(struct dp_task *t)
{
	while (t->busy)
		pthread_cond_wait(&t->idle, &t->mu);
}

void dp_task_quiesce(struct processing_module *mod)
{
	struct dp_task *t = mod ? mod->dp : NULL;
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	t->hold++;
	wait_idle(t);
	pthread_mutex_unlock(&t->mu);
}

void dp_task_resume(struct processing_module *mod)
{
	struct dp_task *t = mod ? mod->dp : NULL;
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	if (t->hold)
		t->hold--;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->mu);
}

void dp_task_start(struct processing_module *mod)
{
	struct dp_task *t = mod ? mod->dp : NULL;
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	t->running = true;
	t->pending = 0;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->mu);
}

void dp_task_stop(struct processing_module *mod)
{
	struct dp_task *t = mod ? mod->dp : NULL;
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	t->running = false;
	t->pending = 0;
	wait_idle(t);
	pthread_mutex_unlock(&t->mu);
}

void dp_task_tick(struct processing_module *mod)
{
	struct dp_task *t = mod ? mod->dp : NULL;
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	if (t->running && t->pending < DP_TASK_MAX_PENDING)
		t->pending++;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->mu);
}

int dp_task_info(struct processing_module *mod, struct dp_task_info *info)
{
	struct dp_task *t = mod ? mod->dp : NULL;
	if (!t || !info)
		return -EINVAL;
	pthread_mutex_lock(&t->mu);
	info->runs = t->runs;
	info->errors = t->errors;
	info->stack_bytes = t->stack_bytes;
	info->pending = t->pending;
	info->running = t->running;
	info->busy = t->busy;
	info->ready = ready(t);
	pthread_mutex_unlock(&t->mu);
	return 0;
}
