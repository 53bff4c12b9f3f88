import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { errorText, ErrorMessage } from '../ui/error-message';
import { AdminNav } from './admin-nav';
import { documentFromFile, isReadable } from './document-file';

export const KNOWLEDGE_COLLECTIONS = graphql(`
  query KnowledgeCollections {
    knowledgeCollections {
      name
      description
      documentCount
      chunkCount
      embedder
    }
  }
`);

const INGEST_DOCUMENT = graphql(`
  mutation IngestDocument($input: IngestDocumentInput!) {
    ingestDocument(input: $input) {
      id
      title
      chunks {
        chunkIndex
      }
    }
  }
`);

export const DELETE_DOCUMENT = graphql(`
  mutation DeleteDocument($id: ID!) {
    deleteDocument(id: $id)
  }
`);

type UploadState =
  | { step: 'waiting' }
  | { step: 'reading' }
  | { step: 'indexing' }
  | { step: 'done'; documentId: string; title: string; chunks: number }
  | { step: 'failed'; reason: string }
  | { step: 'deleted'; title: string };

interface Upload {
  key: string;
  file: File;
  state: UploadState;
}

const STEP_VALUE: Record<UploadState['step'], number> = { waiting: 0, reading: 1, indexing: 2, done: 3, failed: 3, deleted: 3 };

function stateText(state: UploadState): string {
  switch (state.step) {
    case 'waiting':
      return 'Waiting';
    case 'reading':
      return 'Reading the file…';
    case 'indexing':
      return 'Indexing…';
    case 'done':
      return `Indexed as “${state.title}”, ${state.chunks} ${state.chunks === 1 ? 'passage' : 'passages'}`;
    case 'failed':
      return `Failed: ${state.reason}`;
    case 'deleted':
      return `Deleted “${state.title}”`;
  }
}

function UploadRow({ upload, onDelete }: { upload: Upload; onDelete: (documentId: string, title: string) => void }) {
  const { state } = upload;
  return (
    <li className={`upload upload-${state.step}`} data-file={upload.file.name}>
      <p className="card-title">{upload.file.name}</p>
      <progress max={3} value={STEP_VALUE[state.step]} aria-label={`Progress of ${upload.file.name}`} />
      <p className={state.step === 'failed' ? 'error upload-state' : 'upload-state'}>{stateText(state)}</p>
      {state.step === 'done' && (
        <p className="actions">
          <Link href={paths.document(state.documentId)}>Open</Link>
          <button type="button" className="secondary" onClick={() => onDelete(state.documentId, state.title)}>
            Delete<span className="visually-hidden"> {state.title}</span>
          </button>
        </p>
      )}
    </li>
  );
}

/** The knowledge base for administrators: its collections with their counts, uploading files, deleting documents. */
export function KnowledgeAdminPage() {
  const collections = useQuery(KNOWLEDGE_COLLECTIONS);
  const [ingest] = useMutation(INGEST_DOCUMENT);
  const [remove, removing] = useMutation(DELETE_DOCUMENT, { refetchQueries: ['KnowledgeCollections'] });
  const [collection, setCollection] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);
  const chosenCollection = collection || collections.data?.knowledgeCollections[0]?.name || '';

  const setState = (key: string, state: UploadState) =>
    setUploads((previous) => previous.map((upload) => (upload.key === key ? { ...upload, state } : upload)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (files.length === 0 || !chosenCollection) return;
    const batch: Upload[] = files.map((file, index) => ({ key: `${Date.now()}-${index}-${file.name}`, file, state: { step: 'waiting' } }));
    setUploads((previous) => [...batch, ...previous]);
    setBusy(true);
    // No source: the API takes only web addresses there, so a document is known by its title (and
    // keeps its file name in its metadata). One file at a time: each shows its own progress, and one failure does not stop the rest.
    for (const { key, file } of batch) {
      if (!isReadable(file.name)) {
        setState(key, { step: 'failed', reason: 'only Markdown (.md), text (.txt) and HTML (.html) files can be uploaded' });
        continue;
      }
      try {
        setState(key, { step: 'reading' });
        const { title, text } = documentFromFile(file.name, await file.text());
        setState(key, { step: 'indexing' });
        const result = await ingest({
          variables: { input: { collection: chosenCollection, title, text, metadata: [{ key: 'file', value: file.name }] } },
        });
        const document = result.data?.ingestDocument;
        if (document) setState(key, { step: 'done', documentId: document.id, title: document.title, chunks: document.chunks.length });
      } catch (error) {
        setState(key, { step: 'failed', reason: errorText(error) });
      }
    }
    setBusy(false);
    setFiles([]);
    await collections.refetch();
  };

  const onDelete = async (documentId: string, title: string) => {
    try {
      await remove({ variables: { id: documentId } });
      setUploads((previous) =>
        previous.map((upload) =>
          upload.state.step === 'done' && upload.state.documentId === documentId
            ? { ...upload, state: { step: 'deleted', title } }
            : upload,
        ),
      );
    } catch {
      // Shown by ErrorMessage below.
    }
  };

  const list = collections.data?.knowledgeCollections;
  return (
    <section aria-labelledby="kb-admin-title">
      <header className="page-header">
        <AdminNav />
        <h1 id="kb-admin-title">Knowledge base</h1>
      </header>
      <ErrorMessage error={collections.error ?? removing.error} />
      {collections.loading && !list && <p>Loading the collections…</p>}
      {list && (
        <div className="table-scroll">
          <table>
            <caption>Collections</caption>
            <thead>
              <tr>
                <th scope="col">Collection</th>
                <th scope="col">Documents</th>
                <th scope="col">Passages</th>
                <th scope="col">What it holds</th>
              </tr>
            </thead>
            <tbody>
              {list.map((entry) => (
                <tr key={entry.name} data-collection={entry.name}>
                  <th scope="row">{entry.name}</th>
                  <td className="document-count">{entry.documentCount}</td>
                  <td>{entry.chunkCount}</td>
                  <td>{entry.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="stacked-form" aria-labelledby="upload-title" onSubmit={(event) => void submit(event)}>
        <h2 id="upload-title">Upload documents</h2>
        <div className="field">
          <label htmlFor="upload-collection">Collection</label>
          <select id="upload-collection" value={chosenCollection} onChange={(event) => setCollection(event.target.value)}>
            {list?.map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="upload-files">Files</label>
          <input
            id="upload-files"
            type="file"
            multiple
            accept=".md,.markdown,.txt,.html,.htm,text/markdown,text/plain,text/html"
            aria-describedby="upload-files-hint"
            onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
          />
          <p id="upload-files-hint" className="hint muted">
            Markdown, text or HTML, up to 2 MiB each. A document with the same title in the collection is replaced.
          </p>
        </div>
        <div className="actions">
          <button type="submit" disabled={busy || files.length === 0 || !chosenCollection}>
            {busy ? 'Uploading…' : files.length > 1 ? `Upload ${files.length} files` : 'Upload'}
          </button>
        </div>
      </form>
      {uploads.length > 0 && (
        <ul className="upload-list" aria-label="Uploads" aria-live="polite">
          {uploads.map((upload) => (
            <UploadRow key={upload.key} upload={upload} onDelete={(id, title) => void onDelete(id, title)} />
          ))}
        </ul>
      )}
      <p className="muted">
        The API cannot list a collection’s documents yet: a document is deleted here right after its upload, or from its page (open it from
        a search).
      </p>
    </section>
  );
}
