// Subscription-wide permissions and events for the CloudAuditor identity (deploy after main.bicep).
targetScope = 'subscription'
metadata description = 'CloudAuditor: read-only audit roles, a narrow remediation role and storage write events for one subscription.'

@description('principalId output of main.bicep (the Function App identity).')
param principalId string

@description('Resource id of the CloudAuditor Function App (output of main.bicep, as /subscriptions/.../sites/NAME).')
param functionAppId string

@description('Grant the remediation role (enforce mode). Audit-only deployments leave it out.')
param enableRemediation bool = false

@description('Region of the Event Grid system topic.')
param location string = deployment().location

var readerRoles = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
}

// Reading configuration, role assignments and (sampled) blob contents.
resource auditRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(readerRoles): {
  name: guid(subscription().id, principalId, role.value)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

// Reading a container's stored access policies (Get Container ACL) is an action neither built-in reader role grants.
resource aclReaderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'cloudauditor-acl-reader')
  properties: {
    roleName: 'CloudAuditor Container ACL Reader'
    description: 'Read containers\' stored access policies (Get Container ACL); changes nothing.'
    type: 'CustomRole'
    assignableScopes: [subscription().id]
    permissions: [
      {
        actions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/getAcl/action'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

resource aclReaderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, 'cloudauditor-acl-reader')
  properties: {
    roleDefinitionId: aclReaderRole.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Exactly what the Azure remediators declare (tests compare them): PATCH allowBlobPublicAccess on the account, and
// Get/Set Container ACL (data-plane, RBAC-authorised) to change a container's public access level and re-check it.
resource remediatorRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (enableRemediation) {
  name: guid(subscription().id, 'cloudauditor-remediator')
  properties: {
    roleName: 'CloudAuditor Storage Remediator'
    description: 'Close public exposure on storage: account public-access switch and container access level.'
    type: 'CustomRole'
    assignableScopes: [subscription().id]
    permissions: [
      {
        actions: [
          'Microsoft.Storage/storageAccounts/read'
          'Microsoft.Storage/storageAccounts/write'
          'Microsoft.Storage/storageAccounts/blobServices/containers/getAcl/action'
          'Microsoft.Storage/storageAccounts/blobServices/containers/setAcl/action'
        ]
        notActions: [
          'Microsoft.Storage/storageAccounts/listKeys/action'
          'Microsoft.Storage/storageAccounts/regeneratekey/action'
        ]
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
        ]
        notDataActions: []
      }
    ]
  }
}

resource remediatorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enableRemediation) {
  name: guid(subscription().id, principalId, 'cloudauditor-remediator')
  properties: {
    roleDefinitionId: remediatorRole.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Any write to a storage account or container in the subscription is re-checked at once (StorageEvents function).
resource resourceGroupForTopic 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'cloudauditor-events'
  location: location
}

module events 'subscription-events.bicep' = {
  name: 'cloudauditor-subscription-events'
  scope: resourceGroupForTopic
  params: {
    storageEventsFunctionId: '${functionAppId}/functions/StorageEvents'
  }
}
