import { lazyComponent } from '@scene/forms/lazy';
import type { Component } from 'vue';
import BadgeNode from './primitives/BadgeNode.vue';
import BannerNode from './primitives/BannerNode.vue';
import CardNode from './primitives/CardNode.vue';
import EmptyNode from './primitives/EmptyNode.vue';
import EntryGridNode from './primitives/EntryGridNode.vue';
import GridNode from './primitives/GridNode.vue';
import HeadingNode from './primitives/HeadingNode.vue';
import ImageNode from './primitives/ImageNode.vue';
import NoticeBarNode from './primitives/NoticeBarNode.vue';
import SectionNode from './primitives/SectionNode.vue';
import StackNode from './primitives/StackNode.vue';
import TextNode from './primitives/TextNode.vue';
import PluginViewNode from './primitives/PluginViewNode';
import { PLUGIN_VIEW } from './installed';

// Rarely on a first page and comparatively heavy: loaded when a page first shows one.
const FormNode = lazyComponent(() => import('./primitives/FormNode.vue'));
const TableNode = lazyComponent(() => import('./primitives/TableNode.vue'));
const ChartNode = lazyComponent(() => import('./primitives/ChartNode.vue'));
const CalendarNode = lazyComponent(() => import('./primitives/CalendarNode.vue'));
const SlotPickerNode = lazyComponent(() => import('./primitives/SlotPickerNode.vue'));
const PausesNode = lazyComponent(() => import('./primitives/PausesNode.vue'));
// A figure waits for its query in any case; its code (periods, trends) need not be in the
// portal's first download.
const StatNode = lazyComponent(() => import('./primitives/StatNode.vue'));
// Each on a page of its own (a vote, the convention, the living circle, a finished request),
// never on the home page.
const BallotNode = lazyComponent(() => import('./primitives/BallotNode.vue'));
const ConsentNode = lazyComponent(() => import('./primitives/ConsentNode.vue'));
const DirectoryNode = lazyComponent(() => import('./primitives/DirectoryNode.vue'));
const RatingNode = lazyComponent(() => import('./primitives/RatingNode.vue'));
const ResultsNode = lazyComponent(() => import('./primitives/ResultsNode.vue'));
const StepsNode = lazyComponent(() => import('./primitives/StepsNode.vue'));
// Lists, a record's details and the inbox wait for their query in any case (the server draws
// them loading); a page of markdown brings its parser; a button runs an action or navigates and
// tabs switch on a tap, both drawn by the server and answering once hydrated. Most pages show
// some of them, so the portal fetches them beside its bundle (loadCommonPrimitives), outside its
// first download, and a page drawn later, also offline, finds them.
const common = {
  list: () => import('./primitives/ListNode.vue'),
  detail: () => import('./primitives/DetailNode.vue'),
  inbox: () => import('./primitives/InboxNode.vue'),
  markdown: () => import('./primitives/MarkdownNode.vue'),
  button: () => import('./primitives/ButtonNode.vue'),
  tabs: () => import('./primitives/TabsNode.vue'),
};
const ListNode = lazyComponent(common.list);
const DetailNode = lazyComponent(common.detail);
const InboxNode = lazyComponent(common.inbox);
const MarkdownNode = lazyComponent(common.markdown);
const ButtonNode = lazyComponent(common.button);
const TabsNode = lazyComponent(common.tabs);

/** Fetches the code of the primitives most pages show (see `common`); resolves when it has come. */
export function loadCommonPrimitives(): Promise<void> {
  return Promise.all(Object.values(common).map((load) => load())).then(() => undefined);
}

// A balance waits for its figure in any case (我的, the points pages).
const PointsBalanceNode = lazyComponent(() => import('./primitives/PointsBalanceNode.vue'));

/** One Vue component per primitive of the catalog (`primitiveCatalog` in @scene/schema). */
export const primitiveComponents: Readonly<Record<string, Component>> = Object.freeze({
  stack: StackNode,
  grid: GridNode,
  card: CardNode,
  tabs: TabsNode,
  section: SectionNode,
  heading: HeadingNode,
  text: TextNode,
  markdown: MarkdownNode,
  image: ImageNode,
  banner: BannerNode,
  'entry-grid': EntryGridNode,
  'notice-bar': NoticeBarNode,
  badge: BadgeNode,
  steps: StepsNode,
  empty: EmptyNode,
  list: ListNode,
  detail: DetailNode,
  table: TableNode,
  stat: StatNode,
  chart: ChartNode,
  results: ResultsNode,
  calendar: CalendarNode,
  directory: DirectoryNode,
  form: FormNode,
  button: ButtonNode,
  'slot-picker': SlotPickerNode,
  pauses: PausesNode,
  ballot: BallotNode,
  rating: RatingNode,
  consent: ConsentNode,
  'points-balance': PointsBalanceNode,
  inbox: InboxNode,
});

export function primitiveComponent(type: string): Component | undefined {
  if (type === PLUGIN_VIEW) return PluginViewNode;
  return Object.prototype.hasOwnProperty.call(primitiveComponents, type)
    ? primitiveComponents[type]
    : undefined;
}
