// Microapps, todo app: shared to-do lists with tasks, subtasks, comments and a task workflow.
// Part of the microapps suite (suite.bpl imports it), but it carries its own header so it can
// also be checked alone: `bpc check examples/microapps/todo.bpl`.
blueprint TodoApp {
  version "0.2.0"
  domain "productivity"
  platform web
  description "Shared to-do lists; the todo app of the microapps suite."
  license "MIT"
  contact "platform@microapps.example"
}

import "common.bpl"

/// A lower-case label on a task.
type Label = string @minLength(1) @maxLength(30) @pattern("^[a-z0-9-]+$")

enum TaskStatus { open, inProgress, done, archived }
enum TaskPriority { low, normal, high, urgent }

/// A named list of tasks, owned by one user and optionally shared with others.
entity TodoList {
  id: uuid @id @generated
  name: Title
  owner: User @onDelete(cascade)
  color: Color
  /// An emoji shown next to the name.
  icon: string? @maxLength(8)
  createdAt: datetime @generated
  tasks: list<Task> @inverse(todoList)
  members: list<ListMember> @inverse(todoList)
}

/// A user a list is shared with.
entity ListMember {
  id: uuid @id @generated
  todoList: TodoList @onDelete(cascade)
  user: User @onDelete(cascade)
  canEdit: bool = true
  addedAt: datetime @generated
}

/// Something to do. A task with a parent is a subtask.
entity Task {
  id: uuid @id @generated
  title: Title
  notes: text?
  todoList: TodoList @onDelete(cascade)
  parent: Task? @onDelete(cascade)
  createdBy: User
  assignee: User? @onDelete(setNull)
  status: TaskStatus = open
  priority: TaskPriority = normal
  dueAt: datetime? @index
  /// How long before `dueAt` to raise `ReminderDue`.
  remindBefore: duration? = "PT1H"
  labels: list<Label> = []
  /// Position within the list, for manual ordering.
  position: int = 0 @min(0)
  createdAt: datetime @generated
  subtasks: list<Task> @inverse(parent)
  comments: list<TaskComment> @inverse(task)
}

entity TaskComment {
  id: uuid @id @generated
  task: Task @onDelete(cascade)
  author: User
  body: text @minLength(1) @maxLength(4000)
  createdAt: datetime @generated
}

event TaskCompleted { task: Task, assignee: User? }
event TaskReopened { task: Task }
/// Raised by `assignTask`.
event TaskAssigned { task: Task, assignee: User, assignedBy: User }

policy TodoAccess {
  allow Member to [read, create] on TodoList, Task, TaskComment
  allow Member to [update, delete] on TodoList, ListMember when isListOwner
  allow Member to [read, create] on ListMember when isListOwner
  allow Member to [update, delete] on Task when canEditList
  allow Member to delete on TaskComment when isCommentAuthor
  allow Guest to read on TodoList, Task, TaskComment when isListMember
  allow Guest to create on TaskComment when isListMember
}

workflow TaskProgress on Task.status {
  initial open
  // Holds when every subtask is done or archived.
  guard subtasksDone
  open -> inProgress on start by Member
  inProgress -> open on pause by Member
  open, inProgress -> done on complete by Member when subtasksDone emits TaskCompleted
  done -> open on reopen by Member emits TaskReopened
  open, inProgress, done -> archived on archive by Member, Admin
}

api TodoApi at "/api/todo" {
  resource TodoList
  resource ListMember { list, get, create, update, delete }
  resource Task with workflow TaskProgress
  resource TaskComment { list, get, create, delete }
  /// Assigns a task to a member of its list and raises `TaskAssigned`.
  operation assignTask(id: uuid, assignee: User) -> Task @http(POST, "/tasks/{id}/assign") by Member
  /// The caller's tasks across all lists, soonest due first.
  operation myTasks(status: TaskStatus?, dueBefore: datetime?, limit: PageSize) -> list<Task>
    @http(GET, "/tasks/mine") by Member, Guest
  /// Moves tasks into the given order; ids not in the list are rejected.
  operation reorderTasks(id: uuid, taskIds: list<uuid> @minLength(1))
    @http(PUT, "/todo-lists/{id}/order") by Member
}
