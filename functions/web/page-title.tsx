import type { Child } from 'hono/jsx';
import type { HelpTopic } from '../../shared/guide-topics.js';

/**
 * A page's title with a "?" beside it that opens the page's part of the guide, in the viewer's
 * own guide (/panduan/topik/<topic> picks it). The guides are in Indonesian.
 */
export function PageTitle(props: { help: HelpTopic; id?: string; children: Child }) {
  return (
    <div class="title">
      <h1 id={props.id}>{props.children}</h1>
      <a class="help" href={`/panduan/topik/${props.help}`} lang="id" aria-label="Panduan untuk halaman ini">
        ?
      </a>
    </div>
  );
}
