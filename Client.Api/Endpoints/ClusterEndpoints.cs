using Microsoft.Extensions.Options;
using Trading.Runtime.Cluster;
using Trading.Runtime.Configuration;

namespace Trading.Client.Api.Endpoints;

public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/cluster/status", (
                ISiloDirectory directory,
                IOptions<ClusterOptions> cluster,
                IOptions<TopicOptions> topics) =>
            {
                var topicMap = topics.Value.All().ToDictionary(t => t.Name, t => t.Topic, StringComparer.Ordinal);
                return Results.Ok(new ClusterStatus(
                    cluster.Value.ClusterId,
                    cluster.Value.Mode.ToString(),
                    directory.Silos,
                    topicMap));
            })
            .WithName("GetClusterStatus")
            .WithTags("Cluster");
        return routes;
    }
}
