import type { AnnotationAuthor } from '../../../../shared/contract/annotations';
import type { Annotation, AnnotationComment } from './model';

export interface BookEntry {
  userId: string;
  name: string;
}

const keyOf = (annotationId: string, commentId: string | null) => `${annotationId}:${commentId ?? ''}`;

/**
 * Authors of anonymous annotations as the service lets this viewer see them (facilitators: everyone's;
 * students: their own). The note's document never holds them, since it reaches every member; the book
 * fills them in when annotations are read, so the margin and panels treat them like any author.
 */
export class AuthorBook {
  private readonly entries = new Map<string, BookEntry>();
  private readonly listeners = new Set<() => void>();

  /** Adds or updates authors; nothing is dropped (a deleted annotation is simply never looked up). */
  merge(items: readonly Pick<AnnotationAuthor, 'annotationId' | 'commentId' | 'userId' | 'name'>[]): void {
    let changed = false;
    for (const a of items) {
      const key = keyOf(a.annotationId, a.commentId);
      const had = this.entries.get(key);
      if (had?.userId === a.userId && had.name === a.name) continue;
      this.entries.set(key, { userId: a.userId, name: a.name });
      changed = true;
    }
    if (changed) for (const l of this.listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The annotation with the authors this viewer may know filled in where the document holds none. */
  overlay(a: Annotation): Annotation {
    const own = a.authorId === null ? this.entries.get(keyOf(a.id, null)) : undefined;
    const comments = a.comments.map((c) => this.overlayComment(a.id, c));
    if (!own && comments.every((c, i) => c === a.comments[i])) return a;
    return { ...a, ...(own ? { authorId: own.userId, authorName: own.name } : {}), comments };
  }

  private overlayComment(annotationId: string, c: AnnotationComment): AnnotationComment {
    if (c.authorId !== null) return c;
    const found = this.entries.get(keyOf(annotationId, c.id));
    return found ? { ...c, authorId: found.userId, authorName: found.name } : c;
  }
}
