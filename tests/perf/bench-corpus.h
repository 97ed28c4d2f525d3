/* bench-corpus.h: a synthetic corpus grown from the seed articles */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BenchCorpus BenchCorpus;

BenchCorpus *bench_corpus_new   (const char   *seed_dir,
                                 guint32       seed,
                                 GError      **error);
gboolean     bench_corpus_write (BenchCorpus  *self,
                                 const char   *dir,
                                 guint         n_articles,
                                 guint64      *n_bytes,
                                 GError      **error);
void         bench_corpus_free  (BenchCorpus  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchCorpus, bench_corpus_free)

G_END_DECLS
