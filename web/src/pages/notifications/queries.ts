// The notification service's reads and writes, shared by the bell, its panel and the page.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/clients";
import { keys } from "@/api/keys";
import { itemsOf } from "@/components/thread/staff";
import type { paths } from "@/api/generated/notification-service";
import type { NotificationCursor, NotificationPage } from "./model";

type ListQuery = NonNullable<paths["/notifications/"]["get"]["parameters"]["query"]>;

export interface NotificationFilters {
  unread?: boolean;
  type?: string;
  ticket?: string;
}

export function useUnreadCount() {
  return useQuery({
    queryKey: keys.unreadCount,
    queryFn: async () => (await unwrap(api().notifications.GET("/notifications/unread-count/"))).count,
  });
}

export function useNotificationList(filters: NotificationFilters, limit = 25) {
  return useInfiniteQuery({
    queryKey: keys.notifications({ ...filters, limit }),
    initialPageParam: undefined as NotificationCursor | undefined,
    queryFn: ({ pageParam }): Promise<NotificationPage> =>
      unwrap(
        api().notifications.GET("/notifications/", {
          params: {
            query: {
              limit,
              cursor: pageParam,
              unread: filters.unread || undefined,
              // One of /notifications/types/ (the Select offers only those).
              type: (filters.type || undefined) as ListQuery["type"],
              ticket: filters.ticket?.trim() || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useNotificationTypes() {
  return useQuery({
    queryKey: keys.notificationTypes,
    queryFn: async () => itemsOf<string>(await unwrap(api().notifications.GET("/notifications/types/"))),
    staleTime: Infinity,
  });
}

/** Mark read: the socket then sends the new count; the lists are read again. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api().notifications.POST("/notifications/{id}/read/", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.notificationsAll }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().notifications.POST("/notifications/read-all/")),
    onSuccess: () => {
      queryClient.setQueryData(keys.unreadCount, 0);
      return queryClient.invalidateQueries({ queryKey: keys.notificationsAll });
    },
  });
}
