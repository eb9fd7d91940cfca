// The subscription's Azure Resource Manager events, filtered to storage writes, delivered to StorageEvents.
metadata description = 'CloudAuditor: ResourceWriteSuccess on storage accounts and containers, to the Function App.'

@description('Resource id of the StorageEvents function (<function app id>/functions/StorageEvents).')
param storageEventsFunctionId string

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: 'cloudauditor-subscription-events'
  location: 'global'
  properties: {
    source: subscription().id
    topicType: 'Microsoft.Resources.Subscriptions'
  }
}

resource storageWrites 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = {
  parent: topic
  name: 'storage-writes-to-cloudauditor'
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: { resourceId: storageEventsFunctionId, maxEventsPerBatch: 1 }
    }
    filter: {
      includedEventTypes: ['Microsoft.Resources.ResourceWriteSuccess']
      advancedFilters: [
        { operatorType: 'StringBeginsWith', key: 'data.operationName', values: ['Microsoft.Storage/storageAccounts/'] }
      ]
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: { maxDeliveryAttempts: 10, eventTimeToLiveInMinutes: 1440 }
  }
}
