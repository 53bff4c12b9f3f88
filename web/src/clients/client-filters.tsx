import { useState, type FormEvent } from 'react';
import type { ClientFilter } from '../gql/graphql';
import { clientStatusLabels, isKeyOf, keysOf, practiceStatusLabels, practiceTypeLabels } from '../ui/enum-labels';

/** The client list's filter as it sits in the URL. */
export function filterFromSearch(search: URLSearchParams): ClientFilter {
  const status = search.get('status');
  const practiceType = search.get('practiceType');
  const practiceStatus = search.get('practiceStatus');
  return {
    search: search.get('search') || null,
    nationality: search.get('nationality') || null,
    status: isKeyOf(clientStatusLabels, status) ? status : null,
    practiceType: isKeyOf(practiceTypeLabels, practiceType) ? practiceType : null,
    practiceStatus: isKeyOf(practiceStatusLabels, practiceStatus) ? practiceStatus : null,
  };
}

function EnumSelect<K extends string>(props: {
  id: string;
  label: string;
  labels: Record<K, string>;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">Any</option>
        {keysOf(props.labels).map((key) => (
          <option key={key} value={key}>
            {props.labels[key]}
          </option>
        ))}
      </select>
    </div>
  );
}

type Draft = Record<'search' | 'nationality' | 'status' | 'practiceType' | 'practiceStatus', string>;

/** The filter form; applying it starts again from the first page. */
export function ClientFilters({ filter, onApply }: { filter: ClientFilter; onApply: (draft: Draft) => void }) {
  const [draft, setDraft] = useState<Draft>({
    search: filter.search ?? '',
    nationality: filter.nationality ?? '',
    status: filter.status ?? '',
    practiceType: filter.practiceType ?? '',
    practiceStatus: filter.practiceStatus ?? '',
  });
  const set = (key: keyof Draft) => (value: string) => setDraft((previous) => ({ ...previous, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, nationality: draft.nationality.trim().toUpperCase(), search: draft.search.trim() });
  };
  const clear = () => {
    const empty: Draft = { search: '', nationality: '', status: '', practiceType: '', practiceStatus: '' };
    setDraft(empty);
    onApply(empty);
  };
  return (
    <form className="filters" role="search" aria-label="Filter clients" onSubmit={submit}>
      <div className="field">
        <label htmlFor="filter-search">Name or email</label>
        <input id="filter-search" type="search" value={draft.search} onChange={(event) => set('search')(event.target.value)} />
      </div>
      <EnumSelect id="filter-status" label="Client status" labels={clientStatusLabels} value={draft.status} onChange={set('status')} />
      <div className="field">
        <label htmlFor="filter-nationality">Nationality</label>
        <input
          id="filter-nationality"
          maxLength={2}
          placeholder="AU"
          value={draft.nationality}
          onChange={(event) => set('nationality')(event.target.value)}
        />
      </div>
      <EnumSelect
        id="filter-type"
        label="Practice type"
        labels={practiceTypeLabels}
        value={draft.practiceType}
        onChange={set('practiceType')}
      />
      <EnumSelect
        id="filter-practice-status"
        label="Practice status"
        labels={practiceStatusLabels}
        value={draft.practiceStatus}
        onChange={set('practiceStatus')}
      />
      <div className="actions">
        <button type="submit">Apply filters</button>
        <button type="button" className="secondary" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}
