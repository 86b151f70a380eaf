export { ThreadList, type ThreadListProps, ThreadSidebar, type ThreadSidebarProps } from './ThreadList.tsx'
export { ThreadListView, type ThreadListViewProps } from './ThreadListView.tsx'
